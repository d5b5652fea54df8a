import { Alert, AlertActionCloseButton, AlertGroup } from '@patternfly/react-core';
import { useCallback, useState } from 'react';
import { t } from '../../../i18n/t.ts';

interface Toast {
  id: number;
  title: string;
  variant: 'success' | 'danger' | 'info';
}

let nextId = 1;

/** Short confirmations after an action ("User alice created"); they go away after a few seconds. */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const remove = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const push = useCallback(
    (title: string, variant: Toast['variant'] = 'success') => {
      const id = nextId++;
      setToasts((list) => [...list.slice(-3), { id, title, variant }]);
      setTimeout(() => remove(id), 6000);
    },
    [remove],
  );
  return { toasts, push, remove };
}

export type ToastApi = ReturnType<typeof useToasts>;

export function Toasts({ api }: { api: ToastApi }) {
  return (
    <AlertGroup isToast isLiveRegion>
      {api.toasts.map((toast) => (
        <Alert
          key={toast.id}
          variant={toast.variant}
          title={toast.title}
          data-testid="toast"
          actionClose={
            <AlertActionCloseButton
              onClose={() => api.remove(toast.id)}
              aria-label={t('admin.toast.close', { title: toast.title })}
            />
          }
        />
      ))}
    </AlertGroup>
  );
}
