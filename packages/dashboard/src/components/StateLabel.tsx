import { Label } from '@patternfly/react-core';

/** A yes/no state as a small label: `onLabel` in green, or `offLabel` in `offColor` (red unless said otherwise). */
export function StateLabel({
  on,
  onLabel,
  offLabel,
  offColor = 'red',
}: {
  on: boolean;
  onLabel: string;
  offLabel: string;
  offColor?: 'red' | 'orange';
}) {
  return on ? (
    <Label color="green" isCompact>
      {onLabel}
    </Label>
  ) : (
    <Label color={offColor} isCompact>
      {offLabel}
    </Label>
  );
}
