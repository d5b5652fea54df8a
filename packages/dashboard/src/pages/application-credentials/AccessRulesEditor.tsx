import { Button, FormGroup, FormSelect, FormSelectOption, TextInput } from '@patternfly/react-core';
import { MinusCircleIcon } from '@patternfly/react-icons/dist/esm/icons/minus-circle-icon.js';
import { PlusCircleIcon } from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon.js';
import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/t.ts';
import { FieldHelp } from './FieldHelp.tsx';
import { RULE_METHODS, type RuleErrors, type RuleMethod, type RuleRow } from './credential-form.ts';

/**
 * Rows of service type, method and path, instead of Horizon's free-form JSON/YAML box: each part is checked on its
 * own and the error sits next to the field it is about. New rows get the focus; removing one moves it to "Add".
 */
export function AccessRulesEditor(props: {
  rules: RuleRow[];
  errors: Record<number, RuleErrors>;
  onChange: (rules: RuleRow[]) => void;
}) {
  const nextKey = useRef(props.rules.reduce((max, r) => Math.max(max, r.key + 1), 0));
  const [focusKey, setFocusKey] = useState<number | 'add' | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusKey === null) return;
    if (focusKey === 'add') addButton.current?.focus();
    else document.getElementById(`rule-service-${focusKey}`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const update = (key: number, patch: Partial<RuleRow>) =>
    props.onChange(props.rules.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    const key = nextKey.current++;
    props.onChange([...props.rules, { key, service: '', method: 'GET', path: '' }]);
    setFocusKey(key);
  };
  const remove = (key: number) => {
    props.onChange(props.rules.filter((r) => r.key !== key));
    setFocusKey('add');
  };

  return (
    <div data-testid="access-rules">
      {props.rules.map((rule, index) => {
        const number = index + 1;
        const e = props.errors[rule.key] ?? {};
        const serviceId = `rule-service-${rule.key}`;
        const methodId = `rule-method-${rule.key}`;
        const pathId = `rule-path-${rule.key}`;
        return (
          // biome-ignore lint/a11y/useSemanticElements: a <fieldset> brings its own border and min-width into the PatternFly form grid
          <div
            key={rule.key}
            className="xloud-ac-rule"
            role="group"
            aria-label={t('appCreds.form.ruleGroup', { number })}
          >
            <FormGroup label={t('appCreds.form.ruleServiceLabel')} fieldId={serviceId} isRequired>
              <TextInput
                id={serviceId}
                value={rule.service}
                onChange={(_event, value) => update(rule.key, { service: value })}
                aria-label={t('appCreds.form.ruleService', { number })}
                placeholder={t('appCreds.form.ruleServicePlaceholder')}
                validated={e.service ? 'error' : 'default'}
                aria-describedby={e.service ? `${serviceId}-error` : undefined}
                isRequired
              />
              <FieldHelp id={`${serviceId}-error`} error={e.service} />
            </FormGroup>
            <FormGroup label={t('appCreds.form.ruleMethodLabel')} fieldId={methodId} isRequired>
              <FormSelect
                id={methodId}
                value={rule.method}
                onChange={(_event, value) => update(rule.key, { method: value as RuleMethod })}
                aria-label={t('appCreds.form.ruleMethod', { number })}
              >
                {RULE_METHODS.map((m) => (
                  <FormSelectOption key={m} value={m} label={m} />
                ))}
              </FormSelect>
            </FormGroup>
            <FormGroup label={t('appCreds.form.rulePathLabel')} fieldId={pathId} isRequired>
              <TextInput
                id={pathId}
                value={rule.path}
                onChange={(_event, value) => update(rule.key, { path: value })}
                aria-label={t('appCreds.form.rulePath', { number })}
                placeholder={t('appCreds.form.rulePathPlaceholder')}
                validated={e.path || e.duplicate ? 'error' : 'default'}
                aria-describedby={e.path || e.duplicate ? `${pathId}-error` : undefined}
                isRequired
              />
              <FieldHelp id={`${pathId}-error`} error={e.path ?? e.duplicate} />
            </FormGroup>
            <div className="xloud-ac-rule-remove">
              <Button
                variant="plain"
                onClick={() => remove(rule.key)}
                aria-label={t('appCreds.form.removeRule', { number })}
                icon={<MinusCircleIcon />}
              />
            </div>
          </div>
        );
      })}
      <Button ref={addButton} variant="link" icon={<PlusCircleIcon />} onClick={add} data-testid="add-access-rule">
        {t('appCreds.form.addRule')}
      </Button>
    </div>
  );
}
