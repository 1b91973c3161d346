import { type ClinicCalendar, clinicCalendar } from '../../generators/clinic-calendar.ts';

/** A clinic open 08:00–16:00 on weekdays, with no closed days or holidays: for record generators under test. */
export function weekdayCalendar(): ClinicCalendar {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
  return clinicCalendar({
    weekly: days.map((day) => ({ day, opens: '08:00', closes: '16:00' })),
    closedDays: [],
    holidays: [],
  });
}
