// Made by tools/answer_types.py from calculator/contract.py and calculator/text.py: do not edit.
// What calculator.handle() answers, as the page receives it from the worker.

interface Alarm {
  at: string;
  text: string;
}

interface Band {
  start: string;
  end: string;
  label: string;
  text: string;
  tone: string;
}

interface CalendarEvent {
  key: string;
  date: string;
  summary: string;
  description: string;
  until_midnight: boolean;
  alarms: Alarm[];
}

interface Card {
  title: string;
  lead: Lead;
  headline: Item;
  items: Item[];
  rules: RuleView[];
  folded: string | null;
  deadlines: Deadline[];
  next: string | null;
  link: Link | null;
  timeline: Timeline | null;
  events: CalendarEvent[];
  calendar_file: string;
  lines: string[];
}

interface Deadline {
  title: string;
  item: Item;
  note: string;
  primary: boolean;
}

interface DepositAnswer {
  balance: string;
  threshold: string;
  amount_needed: string;
  below_since: string | null;
  safe_deadline: string | null;
  legal_deadline: string | null;
  legal_deadline_note: string | null;
  days_left: number | null;
  moved: boolean | null;
  arguable: boolean;
}

interface ExitAnswer {
  applied: string;
  exit_date: string;
  basis: "fifteenth_day" | "confirmed";
  fifteenth_day: string;
  days_early: number;
}

interface Item {
  label: string;
  text: string;
  field?: string;
  value?: string;
  date?: string;
  status?: string;
}

interface Lead {
  tone: string;
  title: string;
  text: string | null;
}

interface Link {
  text: string;
  tool: string;
  fields: Record<string, string>;
}

interface NoticeAnswer {
  exit_on: string;
  apply_by: string;
  on: string;
  days_left: number;
  in_time: boolean;
  passed: boolean;
  exit_if_applied: string;
}

interface Point {
  date: string;
  label: string;
  text: string;
  tone: string;
}

interface ReentryAnswer {
  exit_date: string;
  ban_last_day: string;
  earliest_rejoin: string;
  on: string;
  eligible: boolean;
  days_left: number;
}

interface RiskAnswer {
  on: string;
  level: "ok" | "at_risk" | "triggered";
  rules: RuleAnswer[];
  deposit: DepositAnswer | null;
  not_checked: string[];
}

interface RuleAnswer {
  id: string;
  status: "ok" | "at_risk" | "triggered" | "not_checked";
  reason: string;
  advice: string;
}

interface RuleView {
  id: string;
  status: string;
  label: string;
  status_text: string;
  reason: string;
  advice: string | null;
}

interface Timeline {
  caption: string;
  points: Point[];
  bands: Band[];
}

type Answer = ExitAnswer | NoticeAnswer | ReentryAnswer | RiskAnswer;
