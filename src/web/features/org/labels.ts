import type { Person } from '../../app/types.js';

export const STATUS_COLORS: Record<Person['status'], string> = {
  active: 'green',
  long_leave: 'yellow',
  excluded: 'gray',
  left: 'red',
};
