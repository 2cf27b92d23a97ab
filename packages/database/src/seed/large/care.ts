import type pg from 'pg';

/**
 * Four kinds of plan, chosen by client number mod 4. `visit_dose` says whether the scheduled
 * medication falls inside the visit (so the eMAR has a dose to record) or in the evening.
 */
const TEMPLATES = `(values
  (0, 'Diabetes and blood pressure management', array['bathing','meal-prep','medication-reminder','glucose-check'],
     array['E11.9','I10'], array['personal-care','medication-assist'], 'PERSONAL_CARE', 'Metformin', '500 mg', true, null),
  (1, 'Dementia support at home', array['bathing','dressing','meal-prep','companionship','medication-reminder'],
     array['F03.90','G30.9'], array['personal-care','dementia-care'], 'PERSONAL_CARE', 'Donepezil', '10 mg', true, null),
  (2, 'Breathing and heart failure monitoring', array['vitals-check','meal-prep','light-housekeeping'],
     array['J44.9','I50.9'], array['personal-care','medication-assist'], 'MEDICATION_ASSISTANCE', 'Furosemide', '20 mg', false,
     'Shortness of breath or wheezing'),
  (3, 'Recovery after hip fracture', array['transfer-assist','mobility-exercise','bathing','errands'],
     array['S72.001D','M17.0'], array['personal-care','mobility','hoyer-lift'], 'PERSONAL_CARE', 'Calcium with vitamin D', '600 mg', false, null)
) as t(template, title, codes, dx, skills, service_type, med_name, med_dose, visit_dose, prn_indication)`;

/** One ACTIVE approved plan per client with a goal, medications and versions 1–2; one series per weekly slot. */
export async function insertCarePlans(db: pg.ClientBase, today: string, timeZone: string): Promise<void> {
  await db.query(`create temp table bench_templates on commit drop as select * from ${TEMPLATES}`);
  await db.query(
    `insert into care_plans (id, client_id, status, title, activities, special_instructions, emergency_protocol, safety_notes,
        diagnosis_codes, required_skills, starts_on, next_review_on, approved_by, approved_at, created_by, version)
      select c.plan_id, c.id, 'ACTIVE', t.title,
        (select jsonb_agg(jsonb_build_object('code', code, 'name', initcap(replace(code, '-', ' ')))) from unnest(t.codes) code),
        'Follow the plan; report changes to the supervisor.', 'Call 911, then the supervisor and the emergency contact.',
        'Keep walkways clear.', t.dx, t.skills, $1::date - 90 - c.n % 200, $1::date + 1 + c.n % 90, s.id, now() - interval '80 days', s.id, 2
      from bench_clients c join bench_templates t using (template)
        join bench_workers w on w.n = c.worker_n join bench_supervisors s on s.n = w.supervisor_n`,
    [today],
  );
  await db.query(`
    insert into care_plan_goals (care_plan_id, description, measure, baseline_value, target_value, unit, position)
      select plan_id, 'Stay independent at home', 'days without a fall', 20, 30, 'days/month', 0 from bench_clients`);
  await db.query(`
    insert into care_plan_medications (care_plan_id, name, dose, route, times, prn, prn_indication, position)
      select c.plan_id, t.med_name, t.med_dose, 'ORAL',
        array[case when t.visit_dose then to_char(s.start_time + interval '30 minutes', 'HH24:MI') else '20:00' end], false, null, 0
      from bench_clients c join bench_templates t using (template) join bench_slots s on s.client_n = c.n and s.j = 0
      union all
      select c.plan_id, 'Albuterol inhaler', '2 puffs', 'INHALED', '{}', true, t.prn_indication, 1
      from bench_clients c join bench_templates t using (template) where t.prn_indication is not null`);
  await db.query(`
    insert into care_plan_versions (care_plan_id, version, snapshot, change_summary, changed_by, changed_at)
      select p.id, v.version,
        jsonb_build_object('title', p.title, 'status', case v.version when 1 then 'DRAFT' else 'ACTIVE' end,
          'activities', p.activities, 'diagnosisCodes', p.diagnosis_codes, 'requiredSkills', p.required_skills,
          'startsOn', p.starts_on, 'nextReviewOn', p.next_review_on),
        case v.version when 1 then 'Plan drafted after the intake assessment' else 'Approved' end,
        p.approved_by, p.approved_at - case v.version when 1 then interval '1 day' else interval '0' end
      from care_plans p join bench_clients c on c.plan_id = p.id, (values (1), (2)) v(version)`);
  await db.query(
    `insert into visit_series (id, client_id, worker_id, care_plan_id, service_type, recurrence, rate_cents)
      select s.series_id, c.id, w.id, c.plan_id, t.service_type,
        jsonb_build_object('frequency', 'WEEKLY',
          'daysOfWeek', jsonb_build_array((array['MON','TUE','WED','THU','FRI','SAT','SUN'])[s.dow]),
          'startsOn', $1::text, 'until', ($1::date + 13)::text, 'startTime', to_char(s.start_time, 'HH24:MI'),
          'durationMinutes', s.duration, 'timeZone', $2::text),
        w.rate
      from bench_slots s join bench_clients c on c.n = s.client_n join bench_workers w on w.n = c.worker_n
        join bench_templates t using (template)`,
    [today, timeZone],
  );
}
