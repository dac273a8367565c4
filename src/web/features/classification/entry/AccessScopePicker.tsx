import { Checkbox, Fieldset, MultiSelect, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/auth.js';
import { useCan } from '../../../app/permissions.js';
import { useLocalName, useUnitIndex, useUnits } from '../../../app/units.js';
import { pathLabel } from '../../org/tree.js';
import { PeoplePicker } from '../ui/PeoplePicker.js';

export interface Scope {
  personIds: string[];
  unitIds: string[];
}

/**
 * Who may access the information (機密性3・4: 000 L761-764). People who may read the organisation pick
 * any units and people; other staff can name their own unit or themselves, and the division head widens
 * the scope when confirming.
 */
export function AccessScopePicker({
  value,
  onChange,
  known,
  error,
}: {
  value: Scope;
  onChange(scope: Scope): void;
  known?: { people: { id: string; name: string }[]; units: { id: string; name: string }[] };
  error?: string;
}) {
  const { t } = useTranslation('classification');
  const me = useMe();
  const canReadOrg = useCan('org.read');
  const units = useUnits();
  const unitIndex = useUnitIndex();
  const name = useLocalName();
  const unitOptions = useMemo(() => {
    const options = (units.data ?? [])
      .filter((u) => !u.abolished)
      .map((u) => ({ value: u.id, label: pathLabel(u, unitIndex, name) }));
    for (const u of known?.units ?? [])
      if (!options.some((o) => o.value === u.id)) options.push({ value: u.id, label: u.name });
    return options;
  }, [units.data, unitIndex, name, known?.units]);
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...new Set([...list, id])] : list.filter((x) => x !== id);
  const unitName = name({ nameJa: me.person.unitNameJa, nameEn: me.person.unitNameEn });

  return (
    <Fieldset legend={t('scope.legend')} data-testid="access-scope">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('scope.help')}
        </Text>
        {canReadOrg ? (
          <>
            <MultiSelect
              label={t('scope.units')}
              description={t('scope.unitsHelp')}
              data={unitOptions}
              value={value.unitIds}
              onChange={(unitIds) => onChange({ ...value, unitIds })}
              searchable
              clearable
              nothingFoundMessage={t('register.filters.noMatch')}
              maxDropdownHeight={260}
            />
            <PeoplePicker
              label={t('scope.people')}
              description={t('scope.peopleHelp')}
              value={value.personIds}
              onChange={(personIds) => onChange({ ...value, personIds })}
              initial={known?.people}
            />
          </>
        ) : (
          <>
            <Checkbox
              label={t('scope.myUnit', { unit: unitName })}
              checked={value.unitIds.includes(me.person.unitId)}
              onChange={(e) =>
                onChange({
                  ...value,
                  unitIds: toggle(value.unitIds, me.person.unitId, e.currentTarget.checked),
                })
              }
            />
            <Checkbox
              label={t('scope.me')}
              checked={value.personIds.includes(me.person.id)}
              onChange={(e) =>
                onChange({
                  ...value,
                  personIds: toggle(value.personIds, me.person.id, e.currentTarget.checked),
                })
              }
            />
            {(known?.people.length ?? 0) + (known?.units.length ?? 0) > 0 && (
              <Text size="sm">
                {t('scope.current', {
                  names: [...(known?.units ?? []), ...(known?.people ?? [])].map((x) => x.name).join('、'),
                })}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t('scope.headWidens')}
            </Text>
          </>
        )}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
