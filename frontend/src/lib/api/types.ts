// Types of the rozvoj JSON API (/api/v1), snake_case as on the wire.

export type Role = 'worker' | 'lead' | 'provider' | 'supervisor' | 'methodologist' | 'admin';
export const ROLES: readonly Role[] = ['worker', 'lead', 'provider', 'supervisor', 'methodologist', 'admin'];

export type OrgKind = 'ministry' | 'region' | 'municipality' | 'provider' | 'ngo';
export const ORG_KINDS: readonly OrgKind[] = ['ministry', 'region', 'municipality', 'provider', 'ngo'];

export type EmploymentType = 'official' | 'employee';

export type Capability =
  | 'self.development'
  | 'team.lead'
  | 'training.provide'
  | 'supervision.run'
  | 'framework.manage'
  | 'indicators.region'
  | 'admin.organizations'
  | 'admin.teams'
  | 'admin.users'
  | 'catalogue.browse';

export interface RoleAssignment {
  role: Role;
  organization_id?: string | null;
  organization_name?: string | null;
  team_id?: string | null;
  team_name?: string | null;
  region_code?: string | null;
}

export interface Position {
  id: string;
  code: string;
  name_cs: string;
  name_en: string;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  organization: { id: string; name: string; kind: OrgKind } | null;
  position: Position | null;
  employment_type: EmploymentType | null;
  hired_on: string | null;
  probation_end: string | null;
  fte: number | null;
  left_on: string | null;
  roles: RoleAssignment[];
  capabilities: string[];
}

export interface AuthResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  user: Me;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Organization {
  id: string;
  kind: OrgKind;
  name: string;
  ico: string;
  parent_id: string | null;
  region_code: string | null;
  active: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Optional strings: '' clears them; absent leaves them as they are (see lib/forms.ts `optional`). */
export interface OrganizationInput {
  kind: OrgKind;
  name: string;
  ico: string;
  parent_id?: string | null;
  region_code?: string | null;
}

export interface Team {
  id: string;
  organization_id: string;
  name: string;
  active: boolean;
  version: number;
  leads: { id: string; name: string }[];
  members: { id: string; name: string; position_code?: string | null }[];
}

export interface User {
  id: string;
  email: string;
  name: string;
  organization_id: string | null;
  organization_name: string | null;
  position_id: string | null;
  /** The position's Czech name. */
  position_name: string | null;
  employment_type: EmploymentType | null;
  hired_on: string | null;
  probation_end: string | null;
  fte: number | null;
  left_on: string | null;
  active: boolean;
  version: number;
  roles: RoleAssignment[];
  team_ids: string[];
}

export interface UserInput {
  email: string;
  name: string;
  password?: string;
  organization_id: string;
  position_id?: string | null;
  employment_type?: EmploymentType | '' | null;
  hired_on?: string | null;
  probation_end?: string | null;
  fte?: number | null;
  roles: { role: Role; organization_id?: string | null; team_id?: string | null; region_code?: string | null }[];
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  request_id?: string;
  /** `code` is the failed check (required, ico, uuid, unique, …); the client words it in the UI language. */
  errors?: { field: string; message: string; code?: string }[];
}

// ---- The competency model (internal/framework/openapi.yaml) ----

export type FrameworkStatus = 'draft' | 'published' | 'retired';

export interface FrameworkSummary {
  id: string;
  lineage_id?: string;
  previous_id?: string | null;
  version: string;
  status: FrameworkStatus;
  title_cs: string;
  title_en: string;
  description_cs?: string;
  description_en?: string;
  publisher?: string;
  published_on: string | null;
  source?: string;
  revision?: number;
  updated_at?: string;
}

export interface Indicator {
  level?: number;
  text_cs: string;
  text_en: string;
}

/** Indicators by level, keyed "1" … "4". */
export type IndicatorsByLevel = Record<string, Indicator[]>;

export interface FrameworkNode {
  id: string;
  parent_id?: string | null;
  seq?: number;
  kind: 'domain' | 'competency' | 'other';
  item_type?: string;
  code: string;
  name_cs: string;
  name_en: string;
  description_cs: string;
  description_en: string;
  indicators?: IndicatorsByLevel;
  children?: FrameworkNode[];
}

export interface FrameworkTree extends FrameworkSummary {
  domains: FrameworkNode[];
  other?: FrameworkNode[];
}

export interface ProfileLevel {
  competency_id: string;
  level: number | null;
}

export interface PositionProfile {
  id: string;
  framework_id: string;
  position_id: string;
  region_code: string | null;
  revision?: number;
  updated_at?: string;
  levels: ProfileLevel[];
}

/**
 * The answer of POST /frameworks/import (dry run or not). The server nests the counts and the framework
 * (`{dry_run, valid, framework, counts: {items_by_type, associations, rubrics, …}, problems}`); the first
 * contract had them flat. lib/caseImport.ts reads both.
 */
export interface ImportPreview {
  dry_run?: boolean;
  valid?: boolean;
  framework?: FrameworkSummary | null;
  counts?: {
    items?: number;
    items_by_type?: Record<string, number>;
    domains?: number;
    competencies?: number;
    associations?: number;
    rubrics?: number;
    indicators?: number;
  };
  items_by_type?: Record<string, number>;
  associations?: number;
  rubrics?: number;
  problems?: { field?: string; code?: string; message: string }[] | null;
}

/** PATCH /frameworks/{id}: a draft's head; fields left out stay. */
export interface FrameworkPatch {
  version?: string;
  title_cs?: string;
  title_en?: string;
  description_cs?: string;
  description_en?: string;
}

/** POST /frameworks/{id}/items: a new competency in a domain of a draft. */
export interface ItemInput extends ItemPatch {
  parent_id: string;
  code: string;
  name_cs: string;
}

export interface ItemPatch {
  name_cs?: string;
  name_en?: string;
  description_cs?: string;
  description_en?: string;
  indicators?: Record<string, { text_cs: string; text_en: string }[]>;
}

// ---- Self-assessment (internal/assessment/openapi.yaml) ----

export type AssessmentState = 'draft' | 'submitted' | 'reviewed' | 'returned' | 'agreed';
export const ASSESSMENT_STATES: readonly AssessmentState[] = ['draft', 'submitted', 'reviewed', 'returned', 'agreed'];

export interface Rating {
  competency_id: string;
  self_level: number | null;
  self_not_applicable: boolean;
  evidence: string;
  lead_level: number | null;
  lead_not_applicable: boolean;
  lead_comment: string;
  agreed_level: number | null;
}

export interface Assessment {
  id: string;
  person_id: string;
  framework_id: string;
  state: AssessmentState;
  version: number;
  reviewer_id: string | null;
  submitted_at: string | null;
  reviewed_at: string | null;
  agreed_at: string | null;
  lead_comment: string;
  /** The day the yearly assessment was due when it was started. */
  due_on?: string | null;
  created_at: string;
  updated_at: string;
  ratings: Rating[];
}

/** A level (1–4) or "not applicable" for one competency: the worker's rating or the lead's proposal. */
export interface ChoiceInput {
  competency_id: string;
  level: number | null;
  not_applicable: boolean;
}

export interface RatingInput extends ChoiceInput {
  evidence: string;
}

export interface ProposalInput extends ChoiceInput {
  comment: string;
}

// ---- Competency profile and team heatmap (GET /people/{id}/competency-profile, GET /teams/{id}/heatmap) ----

export interface ProfileCompetency {
  competency_id: string;
  domain_id: string;
  code: string;
  agreed_level: number | null;
  not_applicable: boolean;
  expected_level: number | null;
  gap: number | null;
}

export interface ProfileDomainMean {
  domain_id: string;
  code: string;
  agreed_mean: number | null;
  expected_mean: number | null;
  gap_mean: number | null;
  below: number;
}

export interface CompetencyProfile {
  person_id: string;
  person_name: string;
  position_code: string | null;
  framework_id: string;
  assessment_id: string | null;
  agreed_at: string | null;
  next_due: string;
  overdue: boolean;
  open_assessment: { id: string; state: AssessmentState; version: number } | null;
  competencies: ProfileCompetency[];
  domains: ProfileDomainMean[];
  history: { assessment_id: string; agreed_at: string; domains: { domain_id: string; agreed_mean: number | null }[] }[];
}

export interface HeatmapCell {
  agreed: number | null;
  expected: number | null;
  gap: number | null;
  not_applicable: boolean;
}

export interface HeatmapPerson {
  person_id: string;
  name: string;
  position_code: string | null;
  assessment_id: string | null;
  agreed_at: string | null;
  next_due: string;
  overdue: boolean;
  cells: HeatmapCell[];
  domain_gaps: (number | null)[];
}

export interface TeamHeatmap {
  team_id: string;
  team_name: string;
  framework_id: string;
  domains: { domain_id: string; code: string }[];
  competencies: { competency_id: string; domain_id: string; code: string }[];
  people: HeatmapPerson[];
  domain_means: (number | null)[];
}

// ---- Individual development plans, IPV (/plans) ----

export type PlanState = 'draft' | 'proposed' | 'approved' | 'returned' | 'closed';
export type ActionKind = 'course' | 'supervision' | 'mentoring' | 'shadowing' | 'self_study' | 'other';
export const ACTION_KINDS: readonly ActionKind[] = ['course', 'supervision', 'mentoring', 'shadowing', 'self_study', 'other'];

export interface PlanGoal {
  id: string;
  competency_id: string;
  target_level: number;
  reason: string;
}

export interface PlanAction {
  id: string;
  goal_id: string | null;
  kind: ActionKind;
  title: string;
  due_on: string;
  done_at: string | null;
  evidence: string;
  overdue: boolean;
}

export interface Plan {
  id: string;
  person_id: string;
  person_name: string;
  period_start: string;
  period_end: string;
  state: PlanState;
  version: number;
  note: string;
  lead_comment: string;
  approved_by: string | null;
  approved_at: string | null;
  evaluation: string;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  overdue_actions: number;
  goals: PlanGoal[];
  actions: PlanAction[];
}

// ---- Notifications ----

export interface AppNotification {
  id: string;
  kind: string;
  entity: string;
  entity_id: string;
  link: string;
  params: Record<string, string | number | null>;
  actor_name: string | null;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPreferences {
  email: Record<string, boolean>;
  email_enabled: boolean;
}

/** parental_leave (mateřská a rodičovská dovolená), illness (nemoc), other. */
export type AbsenceReason = 'parental_leave' | 'illness' | 'other';

/** A long absence; § 111 zák. 108/2006 Sb. reduces the training hours owed for one longer than a calendar month. */
export interface Absence {
  id: string;
  person_id: string;
  starts_on: string;
  ends_on: string;
  reason: AbsenceReason;
  created_by: string;
  created_at: string;
}
