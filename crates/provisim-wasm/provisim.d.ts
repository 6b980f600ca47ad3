// Generated from provisim's Rust types by `cargo xtask typescript`; do not edit.
// Every function takes a plain object or JSON text and never throws for bad input.

export type Answer<T> = ({ type: "success" } & T) | Failure;

export interface Failure {
  type: "failure";
  errors: ApiError[];
  warnings: Warning[];
}

/** Plans Contact Center seats (LIC-04..LIC-08). */
export function planSeats(input: SeatInput | string): Answer<SeatPlan>;

/** Simulates SAML sign-ins from a scenario (SAML-*). */
export function simulateSignIn(scenario: Scenario | string): Answer<SignInReport>;

/** Simulates SCIM requests and IdP mappings from a scenario (SCIM-*, TPL-*). */
export function simulateScim(scenario: Scenario | string): Answer<ScimReport>;

/** Simulates concurrent license use over time (LIC-02, LIC-03). */
export function simulateCapacity(input: CapacityInput | string): Answer<CapacityReport>;

/** Runs a whole directory through the SAML rules and the license pools (SAML-*, LIC-*). */
export function simulateBatch(scenario: Scenario | string): Answer<BatchReport>;

/** Checks a Contact Center bulk CSV upload against the directory: errors, cleared settings, the safe CSV (CSV-*). */
export function diffCsv(scenario: Scenario | string): Answer<CsvReport>;

/** Every problem of a scenario, located, without evaluating it. */
export function validateScenario(scenario: Scenario | string): Answer<Validation>;

/** Static findings over a scenario, before any sign-in: unreachable rules, inert sections, traps (each with its rule ID, JSON pointer and fix). */
export function lintScenario(scenario: Scenario | string): Answer<LintReport>;

/** Compares two configurations over one directory: whose outcome changes, field by field, and the rule that decided each side. */
export function simulateImpact(input: ImpactInput | string): Answer<ImpactReport>;

/** The JSON Schema of the scenario format. */
export function schema(): Record<string, unknown>;

/** The engine's version. */
export function version(): string;

/** Loads the WebAssembly module; call once before any other function. */
export default function init(moduleOrPath?: { module_or_path: string | URL | Request | Response | BufferSource | WebAssembly.Module }): Promise<unknown>;

/** Access to one product for one user, and why (LIC-08). */
export interface Access {
  access: boolean;
  product: Product;
  /** Why, in words. */
  reason: string;
  rule: string;
}

/** A group of agents that share access or its absence, and why. */
export interface AccessReason {
  access: boolean;
  agents: number;
  reason: string;
  rule: string;
}

/** The Zoom account: its plans, structure and Contact Center templates. */
export interface Account {
  /** Basic users the account already has, for the 9,999 limit (LIC-09). */
  basic_users?: number;
  /** The account's main Contact Center region: a new agent's region when none is sent (SCIM-12). */
  cc_main_region?: string | null;
  /** Contact Center user templates (TPL-01). */
  cc_templates?: CcTemplate[];
  /** Plans the account holds (SAML-07). */
  plans?: Plan[];
  /** Sub-accounts users can be signed in to through the primary's SSO (SAML-20). */
  sub_accounts?: string[];
}

/** Individual add-ons held, by product. */
export interface AddOnCounts {
  ai_expert_assist?: number;
  qm?: number;
  wfm?: number;
}

/** Which add-on sections remove the add-on when mapped and nothing matches (SAML-13). */
export type AddOnRemoval = "all_add_ons" | "webinars_large_meeting_only";

/** One error of a failed call, flat for JavaScript. */
export interface ApiError {
  column?: number | null;
  help: string | null;
  line?: number | null;
  message: string;
  path: string;
  /** The rule that makes the input invalid, when one does. */
  rule?: string | null;
}

/** When a mapping applies. */
export type ApplyWhen = "always" | "only_during_creation";

/** One row of the mapping table. */
export interface AttributeMapping {
  apply: ApplyWhen;
  /** The value when the source is empty. */
  default_if_null?: string | null;
  /** The attribute the IdP matches Zoom users by. */
  matching: boolean;
  /** The source attribute (direct), the value (constant) or the expression text. */
  source: string;
  /** The SCIM attribute: `userName`, `name.givenName`, `emails[type eq "work"].value`, `urn:ietf:params:scim:schemas:extension:zoom:1.0:User:zoomContactCenterRole`, … */
  target: string;
  type: MappingKind;
}

/** One row of the mapping table. */
export interface AttributeMappingInput {
  apply?: ApplyWhen;
  /** The value when the source is empty. */
  default_if_null?: string | null;
  /** The attribute the IdP matches Zoom users by. */
  matching?: boolean;
  /** The source attribute (direct), the value (constant) or the expression text. */
  source: string;
  /** The SCIM attribute: `userName`, `name.givenName`, `emails[type eq "work"].value`, `urn:ietf:params:scim:schemas:extension:zoom:1.0:User:zoomContactCenterRole`, … */
  target: string;
  type: MappingKind;
}

export type AuthKind = "bearer" | "oauth";

/** Basic SAML mapping (SAML-06, SAML-09): which assertion attribute carries each basic field. */
export interface BasicMapping {
  /** License of a new user whom no License Assignment rule matches; `none` creates no account (SAML-09). */
  default_license?: DefaultLicense;
  department?: string | null;
  /** Attribute holding the email; absent: the assertion's NameID. */
  email?: string | null;
  /** Mapping an employee unique ID lets the email update after the first sign-in (SAML-09). */
  employee_id?: string | null;
  first_name?: string | null;
  job_title?: string | null;
  last_name?: string | null;
  /** Attribute holding the Zoom Phone extension (SAML-31). */
  phone_extension?: string | null;
}

/** The Basic users of the account before and after the batch (LIC-09). */
export interface BasicUsers {
  after: number;
  /** The account's `basic_users` (its Basic users before the batch, the directory's included). */
  before: number;
  limit: number;
  over_limit: boolean;
  /** Users whose creation or downgrade to Basic went beyond the limit. */
  users_beyond_limit: UserList;
}

/** The batch simulation's input: the `batch` field of a scenario. */
export interface BatchInput {
  /** How many emails each list of users names (the count is always complete); default 20. */
  list_limit?: number;
  /** The account's license pools, checked against the users as they are after their sign-in. */
  pools?: PoolInput[];
  /** Keep counts and lists only, no per-user outcome (for very large directories). */
  summary_only?: boolean;
  /** How the users reach Zoom: `saml` (default: each signs in; the attributes are the assertion's) or `idp` (the IdP provisions each through the scenario's SCIM mapping table, `scim.idp.mappings`; the attributes are the IdP's). */
  through?: Through;
  /** The users: CSV text whose header has a `name_id` column and one column per SAML attribute (several values in a cell separated by `value_separator`), or a list of users. */
  users: BatchUsers;
  /** What separates several values in one CSV cell; default `;`. */
  value_separator?: string;
}

/** The whole batch. */
export interface BatchReport {
  /** Users by add-on after the batch: Zoom add-ons by key, Contact Center add-ons as `contact_center/<add-on>`. */
  addons: Record<string, number>;
  basic_users: BasicUsers;
  /** Users signed in whose state changed. */
  changed: number;
  created: number;
  /** Users by license type after the batch (refused new users are not counted: they do not exist). */
  licenses: Record<string, number>;
  outcomes: UserOutcome[];
  /** Whether `outcomes` lists every user (`summary_only` off). */
  outcomes_kept: boolean;
  /** Users by Contact Center package after the batch. */
  packages: Record<string, number>;
  /** The pools against the users after the batch; absent when no pool is described. */
  pools?: DirectoryReport | null;
  /** Refusals by rule, in rule order. */
  refusals: RefusalGroup[];
  refused: number;
  /** The settings in force, each with the rule whose Assumption or Conflict it decides. */
  settings: SettingEcho[];
  signed_in: number;
  trace: Step[];
  users: number;
  /** One warning per rule that fired, saying how many users it hit. */
  warnings: Warning[];
  /** Warnings by rule, in rule order, with the users they hit. */
  warnings_by_rule: WarningGroup[];
}

/** One user of the directory: the assertion their sign-in carries (or, `through: idp`, the IdP's attributes), and their state before it. */
export interface BatchUser {
  /** Attribute name → one value or several. */
  attributes?: Record<string, Values>;
  /** The assertion's NameID (usually the email). */
  name_id?: string | null;
  /** The user as Zoom holds it before the sign-in. Absent: the scenario's `directory` entry with the assertion's email, or else a user Zoom does not know yet. */
  user?: UserInput | null;
}

/** The directory to run: CSV text or a list of users. */
export type BatchUsers = string | BatchUser[];

/** Whether one license grants WFM, QM and AI Expert Assist too (LIC-05) or only Contact Center (LIC-06). */
export type Bundle = "bundled" | "unbundled";

/** `simulateCapacity`'s input. */
export interface CapacityInput {
  /** LIC-03's grace period, in minutes (its Assumption made a setting; default 30). */
  grace_minutes?: number;
  /** The most step points the answer lists (default 10,000); `timeline_points` says how many there are. */
  max_timeline_points?: number;
  /** Concurrent licenses in the pool. */
  pool: number;
  /** The session log: CSV text with a `user,start,end` header, or a list of sessions. Times are RFC 3339 (`2026-11-02T09:00:00Z`) or as exports write them (`2026-11-02 09:00`, `11/02/2026 09:00:00 AM`, month first); the end is exclusive. */
  sessions: SessionLog;
  /** The time zone a session's time without one (`2026-11-02 09:00`) is read in: `UTC` (the default) or an offset from UTC like `+01:00` or `-05:00`. The answer echoes it and says how many times were read in it. */
  time_zone?: string;
}

/** What the pool's usage amounts to. */
export interface CapacityReport {
  billable: number;
  /** The sum of the billable episodes' peak excess: licenses billed on the next cycle. */
  billable_excess_total: number;
  /** Stretches with more users active than the pool, in time order (LIC-03). */
  episodes: Episode[];
  grace_minutes: number;
  /** The most users active at once, and when that was first reached. */
  peak: Point | null;
  pool: number;
  /** Sessions read, and distinct users among them. */
  sessions: number;
  /** The settings in force, each with the rule whose Assumption it decides. */
  settings: SettingEcho[];
  /** The time zone a time of the log without one was read in: `UTC`, `UTC+01:00`. */
  time_zone: string;
  /** Active users over time: a point wherever the count changes; a count holds until the next point. */
  timeline: Point[];
  /** Step points in all; `timeline` lists at most `max_timeline_points` of them. */
  timeline_points: number;
  timeline_truncated: boolean;
  trace: Step[];
  users: number;
  warnings: Warning[];
  /** Episodes tolerated by the grace period, and billable ones. */
  within_grace: number;
  /** How many of the log's times (starts and ends) had no zone and were read in `time_zone`. */
  zone_less_times: number;
}

/** A Contact Center user template (TPL-01): any of the CSV-01 settings. */
export interface CcTemplate {
  addons?: string[] | null;
  agent_queues?: string[] | null;
  kind: TemplateKind;
  name: string;
  package?: Package | null;
  region?: string | null;
  role?: string | null;
  skills?: string[] | null;
  supervisor_queues?: string[] | null;
}

/** One invalid cell (or row, or header) of the upload. */
export interface CellError {
  /** The column's header, or empty for a whole row. */
  column: string;
  help: string | null;
  message: string;
  /** The line of the CSV text (the header is row 1). */
  row: number;
  rule: string;
  value: string;
}

/** One changed field between two states. */
export interface Change {
  after: unknown;
  before: unknown;
  /** JSON pointer of the field in the user, e.g. `/phone/calling_plan`. */
  field: string;
}

/** Users whose field goes from one value to another. */
export interface Change2 {
  after: Side;
  before: Side;
  /** The users; `before` and `after` explain the first of them (the rule may differ for the others). */
  users: UserList;
}

/** The logical clock (SCIM-20): the directory exists at `start`; request n happens n steps later. */
export interface Clock {
  /** RFC 3339, e.g. `2024-01-01T00:00:00Z`. */
  start: string;
  step_seconds?: number;
}

/** The clock of a simulation, as echoed in its outcome: provisim reads no real clock (SCIM-20). */
export interface ClockOut {
  note: string;
  start: string;
  step_seconds: number;
}

/** The assertion's Conditions (shown, not checked: provisim has no clock). */
export interface Conditions {
  /** Every Audience of the AudienceRestrictions (Zoom's entity ID should be one). */
  audiences: string[];
  not_before?: string | null;
  not_on_or_after?: string | null;
}

/** How the IdP connects to Zoom (SCIM-16). */
export interface Connection {
  auth: AuthKind;
  idp: IdpKind;
}

/** Contact Center state (CSV-01 settings and the SAML/SCIM attributes). */
export interface ContactCenter {
  /** User Access to Contact Center: enabled (`true`) or disabled (CSV-01); absent: not set. */
  access_enabled?: boolean | null;
  /** Add-ons: `ai_expert_assist`, `workforce_management`, `quality_management`: the one place a user holds WFM and QM, whichever way (SCIM, CSV, a template, SAML) they were assigned. */
  addons: string[];
  agent_queues: string[];
  /** Client Integrations (CRM enablement), CSV-01. */
  client_integrations?: string[];
  /** Email Load to Accept Calls (CSV-01). */
  email_load?: number | null;
  /** Maximum Concurrent Messaging Engagements (CSV-01). */
  max_messaging_engagements?: number | null;
  /** Messaging Load to Accept Calls (CSV-01). */
  messaging_load?: number | null;
  package?: Package | null;
  region?: string | null;
  role?: string | null;
  skills: string[];
  supervisor?: string | null;
  supervisor_queues: string[];
  team?: string | null;
  /** The template last applied, for the record. */
  template?: string | null;
  /** Voice and Video Engagement Capacity (CSV-01). */
  voice_video_capacity?: number | null;
}

/** Contact Center state (CSV-01 settings and the SAML/SCIM attributes). */
export interface ContactCenterInput {
  /** User Access to Contact Center: enabled (`true`) or disabled (CSV-01); absent: not set. */
  access_enabled?: boolean | null;
  /** Add-ons: `ai_expert_assist`, `workforce_management`, `quality_management`: the one place a user holds WFM and QM, whichever way (SCIM, CSV, a template, SAML) they were assigned. */
  addons?: string[];
  agent_queues?: string[];
  /** Client Integrations (CRM enablement), CSV-01. */
  client_integrations?: string[];
  /** Email Load to Accept Calls (CSV-01). */
  email_load?: number | null;
  /** Maximum Concurrent Messaging Engagements (CSV-01). */
  max_messaging_engagements?: number | null;
  /** Messaging Load to Accept Calls (CSV-01). */
  messaging_load?: number | null;
  package?: Package | null;
  region?: string | null;
  role?: string | null;
  skills?: string[];
  supervisor?: string | null;
  supervisor_queues?: string[];
  team?: string | null;
  /** The template last applied, for the record. */
  template?: string | null;
  /** Voice and Video Engagement Capacity (CSV-01). */
  voice_video_capacity?: number | null;
}

/** Findings by severity. */
export interface Counts {
  error: number;
  info: number;
  warning: number;
}

/** One setting the upload changes for a user. */
export interface CsvChange {
  after: string;
  /** The setting as a CSV cell, before and after (empty: not set). */
  before: string;
  /** The upload clears a setting the user had (CSV-02). */
  cleared: boolean;
  /** The column as Zoom names it. */
  column: string;
  /** The user's field, as a JSON pointer. */
  field: string;
  rule: string;
}

/** The bulk upload to check: the `csv` field of a scenario; the users it updates are the scenario's `directory`. */
export interface CsvInput {
  /** The CSV text as it would be uploaded: a header row with Zoom's column names (`Email`, `Role`, `License (Package)`, `Add-ons`, …), then one row per user. */
  text: string;
  /** What separates several values in one cell (queues, skills, add-ons, integrations); default `;`. */
  value_separator?: string;
}

/** The upload checked. */
export interface CsvReport {
  /** Whether Zoom would take the upload: one invalid field rejects all of it (CSV-04). */
  accepted: boolean;
  /** Settings the upload would clear, and the users losing at least one. */
  cleared: number;
  /** Every invalid cell, row or header, in row order. */
  errors: CellError[];
  /** Users (data rows) in the upload. */
  rows: number;
  /** The safe CSV (CSV-03): the upload merged over each user's current profile; empty when the upload is rejected. */
  safe_csv: string;
  settings: SettingEcho[];
  trace: Step[];
  /** Per user, what the upload would change (for the valid rows, even when rejected). */
  users: CsvUser[];
  users_with_cleared: number;
  warnings: Warning[];
}

/** What the upload does to one user. */
export interface CsvUser {
  changes: CsvChange[];
  email: string;
  /** Whether the account has the user (else the upload adds them). */
  existed: boolean;
  row: number;
  /** The user after the upload. */
  user: User;
}

/** Signed in or refused, where, and by which rule. */
export interface Decision {
  /** `primary`, or the sub-account signed in to; `null` when refused. */
  account: string | null;
  /** Whether this sign-in created the user. */
  created: boolean;
  message: string;
  /** The rule that decided. */
  rule: string;
  rule_index?: number | null;
  /** The section and rule index (from 0) that decided, when a mapping rule did. */
  section?: Section | null;
  signed_in: boolean;
}

/** The default license of Basic mapping. */
export type DefaultLicense = "basic" | "licensed" | "on_prem" | "none";

/** Which users a pool's licenses go to (the LIC-07 Assumption, also used for LIC-01's refusals). */
export type Designation = "assignment_order" | {
  listed: string[];
};

/** Every pool over the directory, with the trace and warnings. */
export interface DirectoryReport {
  pools: PoolReport[];
  trace: Step[];
  /** Packages held with no pool described: counted, limits not checked. */
  unpooled: Unpooled[];
  warnings: Warning[];
  /** Users holding no Contact Center package. */
  without_package: number;
}

export interface DirectoryUser {
  id: string;
  user: User;
}

/** How the pasted text was given. */
export type Encoding = "xml" | "base64" | "form" | "saml_tracer";

/** One overage episode (LIC-03's Assumption: from the moment usage exceeds the pool until it is back at or below it). */
export interface Episode {
  /** Strictly longer than the grace period. */
  billable: boolean;
  /** The peak excess when billable, else 0. */
  billable_excess: number;
  duration_seconds: number;
  end: string;
  /** Peak users above the pool. */
  peak_excess: number;
  peak_users: number;
  reason: string;
  rule: string;
  start: string;
}

/** A field of a user's outcome that the report compares. */
export type Field = "license" | "role" | "groups" | "sub_account" | "cc_package" | "cc_role" | "sign_in" | "addons" | "cc_queues";

export interface FieldChange {
  after: Side;
  before: Side;
  field: Field;
}

/** Every change of one field. */
export interface FieldImpact {
  /** Users whose field differs. */
  changed: number;
  /** By (before, after), most users first. */
  changes: Change2[];
  field: Field;
  /** Users whose change is not among the first distinct changes kept (counted, not listed). */
  other_changes: number;
}

/** One finding: the rule that makes it a trap, where it is, what it does, and what to do. */
export interface Finding {
  fix: string;
  message: string;
  /** A JSON pointer to the rule or field (`/sso/advanced/0/rules/1`). */
  pointer: string;
  rule: string;
  severity: Severity;
}

export interface GroupOut {
  display_name: string;
  id: string;
  /** Members by email. */
  members: string[];
}

/** A directory user's SCIM identity (SCIM-20). */
export interface Identity {
  externalId?: string | null;
  /** The SCIM `id` Zoom gave the user (default: `zoom-1`, `zoom-2`, …). */
  id?: string | null;
  /** `created`, `lastModified` (RFC 3339) and `version`. */
  meta?: unknown;
  /** The user's email, as in `directory`. */
  user: string;
  /** The userName, when it is not the email. */
  userName?: string | null;
}

export type IdpKind = "entra" | "okta" | "other";

/** The IdP's mapping table and the users it provisions. */
export interface IdpSync {
  /** The IdP's own configuration, as downloaded: Entra ID's provisioning schema, or Okta's profile mappings (one or a list). It gives `mappings` and `scope` (see `scim::import`). */
  import?: unknown;
  /** The mapping table (empty when `import` gives it). */
  mappings?: AttributeMappingInput[];
  /** The app's scoping filter (SCIM-15): a user is provisioned only if assigned (`in_scope`) and passing it. Absent: every assigned user. */
  scope?: Scope | null;
  users?: IdpUser[];
}

/** A user in the IdP. */
export interface IdpUser {
  /** The IdP's attributes (`userPrincipalName`, `givenName`, `department`, …). */
  attributes: Record<string, unknown>;
  /** Assigned to the app or passing its scoping filter (SCIM-15). */
  in_scope?: boolean;
}

/** `simulateImpact`'s input: two configurations and the directory. */
export interface ImpactInput {
  /** The configuration as it would be. */
  after: Scenario;
  /** The configuration as it is (its `directory` holds the users' state before they sign in). */
  before: Scenario;
  /** How many emails each list names, and changed users the report lists; default 20. */
  list_limit?: number;
  /** The users (as the batch takes them: CSV text with `name_id` and one column per SAML attribute, or a list of users); absent: the `before` scenario's `batch.users`. */
  users?: BatchUsers | null;
  /** What separates several values in one CSV cell; default `;`. */
  value_separator?: string;
}

/** The impact of a change. */
export interface ImpactReport {
  /** Users with at least one field that differs. */
  changed: number;
  /** The first changed users, each with every field that differs (at most the list limit). */
  changed_users: UserImpact[];
  /** The fields that change for someone, in field order. */
  fields: FieldImpact[];
  /** The change in one sentence: `312 users would lose Licensed; 40 would be refused sign-in`. */
  headline: string;
  /** Changed users beyond the list. */
  more_changed_users: number;
  /** One sentence per change, most users first. */
  summary: string[];
  unchanged: number;
  users: number;
  warnings: Warning[];
}

/** Which document was given, told by its shape. */
export type ImportFormat = "entra_schema" | "okta_mappings";

/** A part of the imported document, located by JSON pointer, and what became of it. */
export interface ImportNote {
  at: string;
  help: string;
  message: string;
  rule: string;
}

/** What an import brought in, so a person can see it. */
export interface ImportReport {
  format: ImportFormat;
  /** The JSON pointer of the object mapping (Entra) or mapping (Okta) imported. */
  from: string;
  /** Its name (Entra) or id (Okta). */
  name?: string | null;
  /** The mapping table made, row by row, each with where it came from. */
  rows: ImportedRow[];
  /** The scoping filter made (Entra), with every clause the simulator evaluates. */
  scope?: Scope | null;
  /** Parts left out because the IdP itself would not use them (a disabled object mapping, `DONT_PUSH`). */
  skipped: ImportNote[];
  /** Parts the simulator does not evaluate (also in the outcome's warnings). */
  warnings: ImportNote[];
}

/** One row of the table made, and the JSON pointer of the part of the document it came from. */
export interface ImportedRow {
  from: string;
  mapping: AttributeMapping;
}

/** A user's license type. */
export type LicenseType = "basic" | "licensed" | "on_prem";

/** How licenses of a pool are held (LIC-01, LIC-02). */
export type Licensing = "named" | "concurrent";

/** What `lintScenario` answers. */
export interface LintReport {
  counts: Counts;
  /** Errors first, then warnings, then notes; within each, in document order. */
  findings: Finding[];
  warnings: Warning[];
}

/** How a mapping computes its value. */
export type MappingKind = "direct" | "constant" | "expression";

/** A rule: when the assertion's `attribute` has a value containing `value`, the section takes `result`. */
export interface MappingRule {
  attribute: string;
  /** The resulting value: one value, or a list for sections that take several (groups). */
  result: Values;
  value: string;
}

/** An HTTP method of a SCIM request. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The assertion's subject. */
export interface NameId {
  /** The NameID Format, e.g. `urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress`. */
  format?: string | null;
  value: string;
}

/** What the IdP does with a user who leaves the provisioning scope (SCIM-15). */
export type OutOfScope = "disable" | "delete";

/** Whom the owner exemption of advanced SAML mapping covers (SAML-08). */
export type OwnerExemption = "all_sections" | "seed_sections";

/** A Contact Center package (LIC-04). */
export type Package = "essentials" | "premium" | "elite";

/** Zoom Phone state. */
export interface Phone {
  calling_plan?: string | null;
  extension?: string | null;
  /** An existing Zoom Phone user (SAML-30, SAML-32). */
  phone_user: boolean;
  role?: string | null;
  site?: string | null;
}

/** Zoom Phone state. */
export interface PhoneInput {
  calling_plan?: string | null;
  extension?: string | null;
  /** An existing Zoom Phone user (SAML-30, SAML-32). */
  phone_user?: boolean;
  role?: string | null;
  site?: string | null;
}

/** A plan the account holds; some mapping sections exist only with their plan (SAML-07). */
export type Plan = "whiteboard" | "revenue_accelerator" | "phone_calling_plans" | "translated_captions" | "concurrent_licensing" | "contact_center" | "webinars" | "large_meetings";

/** A step point: from `at`, `users` are active. */
export interface Point {
  at: string;
  users: number;
}

/** A license pool of the account: the users holding its package draw on it. */
export interface PoolInput {
  /** Bundled or unbundled; when absent, Elite is bundled and the others are not (LIC-05). */
  bundle?: Bundle | null;
  /** Which users hold the named licenses (LIC-01) or are covered by a concurrent bundled pool (LIC-07). Assumption of LIC-07, a setting: the first `size` users in assignment order. */
  designation?: Designation;
  /** Named (one license per user, LIC-01) or concurrent (shared, LIC-02). */
  licensing: Licensing;
  /** The package (LIC-04); every user whose Contact Center package is this one draws on the pool. */
  package: Package;
  /** Licenses in the pool. */
  size: number;
}

/** What one pool amounts to over the directory. */
export interface PoolReport {
  /** Concurrent pools: holders beyond the pool size (LIC-02: allowed; LIC-03: overage possible). */
  beyond_pool: number;
  /** The bundle in force, after LIC-05's default. */
  bundle: Bundle;
  /** Concurrent bundled pools: users the pool covers for WFM and QM (LIC-07). */
  covered: number;
  /** Users holding the pool's package. */
  demand: number;
  /** The LIC-07 setting in force: `assignment_order` or `listed`. */
  designation: string;
  /** Users with Contact Center access through the pool. */
  licensed: number;
  licensing: Licensing;
  package: Package;
  products: ProductReport[];
  /** Named pools: users beyond the pool, whose assignment is refused (LIC-01). */
  refused: UserList;
  /** Named pools: licenses missing for every holder to get one (LIC-01). */
  shortfall: number;
  size: number;
}

/** A Contact Center template applied in the web portal (TPL-02): on add, all its settings; on update, only the settings the admin chose to override. */
export interface PortalTemplate {
  /** On an update, the settings the template overrides (`package`, `role`, `region`, `addons`, `agent_queues`, `supervisor_queues`, `skills`); absent: all of them. */
  overrides?: string[] | null;
  template: string;
  /** The user's email. */
  user: string;
}

/** Against which state prerequisites (licensed for ZRA, extension for a calling plan) are checked (SAML-02). */
export type Prerequisites = "start_of_sign_in" | "as_applied";

/** A product a Contact Center user may or may not have access to (LIC-08). */
export type Product = "contact_center" | "workforce_management" | "quality_management" | "ai_expert_assist";

/** Access to one product across the agents. */
export interface ProductAccess {
  /** Individual add-ons held for this product (zero for Contact Center itself). */
  addons_held: number;
  /** Add-ons (or, for Contact Center, licenses) still needed for every agent to have access. */
  addons_needed: number;
  /** Held add-ons that give an agent access the license does not. */
  addons_used: number;
  product: Product;
  /** Why: groups of agents with or without access and the rule that decides it. */
  reasons: AccessReason[];
  with_access: number;
  without_access: number;
}

/** One product across a pool's users. */
export interface ProductReport {
  product: Product;
  /** Users holding an add-on their license already grants (LIC-08: spare). */
  redundant_addons: number;
  /** Users with access through an individual add-on. */
  through_addon: number;
  /** Users with access through their license (bundle or pool). */
  through_license: number;
  /** Users without access, the first few named. */
  users_without_access: UserList;
  with_access: number;
  without_access: number;
}

/** What Zoom received: the Response as read, before any mapping. */
export interface Received {
  /** Every attribute, in the order of its first `<Attribute>` element. */
  attributes: ReceivedAttribute[];
  conditions?: Conditions | null;
  encoding: Encoding;
  /** The Response's Issuer (else the assertion's): the IdP's entity ID. */
  issuer?: string | null;
  name_id?: NameId | null;
  /** The AuthnStatement's SessionIndex. */
  session_index?: string | null;
  /** Signatures found; provisim does not verify them. */
  signed: Signed;
  status: Status;
  /** For a SAML-tracer export: which of its Responses this is. */
  tracer?: TracerPick | null;
}

/** One attribute as received: every `<Attribute>` of that Name, merged in document order. */
export interface ReceivedAttribute {
  /** How many `<Attribute>` elements of this Name were merged (1 unless the IdP repeats it). */
  elements: number;
  friendly_name?: string | null;
  /** What mapping rules match on (SAML-03: exactly this name). */
  name: string;
  name_format?: string | null;
  /** Every AttributeValue, in document order. */
  values: string[];
}

/** Users refused by one rule. */
export interface RefusalGroup {
  /** The first refused user's decision message. */
  message: string;
  rule: string;
  rule_index: number | null;
  /** The section and rule (0-based) that refused, for the first user refused this way. */
  section: Section | null;
  users: UserList;
}

/** One request and what Zoom did with it. */
export interface RequestResult {
  /** The body, for requests the IdP produced. */
  body?: unknown;
  changes: Change[];
  index: number;
  method: Method;
  path: string;
  /** The response body (the resource, a list, or an RFC 7644 error). */
  response: unknown;
  source: Source;
  /** The HTTP status Zoom returns. */
  status: number;
  trace: Step[];
  /** The user the request concerned, by email. */
  user: string | null;
  warnings: Warning[];
}

/** What happened to one configured rule. */
export type RuleStatus = "matched" | "attribute_absent" | "no_value_contains" | "not_reached" | "not_tried";

/** One configured rule: what it says, whether it matched, and why. */
export interface RuleTrace {
  attribute: string;
  /** The FriendlyName of the attribute, when a pasted Response gives one. */
  friendly_name?: string | null;
  index: number;
  reason: string;
  result: string;
  rule: string;
  status: RuleStatus;
  value: string;
}

/** The sign-in to simulate: the assertion (its NameID and attributes, or a pasted SAML Response), and how many sign-ins in a row; or a list of different sign-ins, one after another. */
export interface SamlInput {
  /** Attribute name → one value or several. */
  attributes?: Record<string, Values>;
  /** The assertion's NameID (usually the email). */
  name_id?: string | null;
  /** A SAML 2.0 Response instead of `name_id` and `attributes`: its XML, its base64 (the `SAMLResponse` form field, line breaks allowed), the form body `SAMLResponse=…`, or a SAML-tracer export (JSON). Signatures are not verified; encrypted assertions cannot be read. */
  response?: string | null;
  /** For a SAML-tracer export: which of its Responses to read, from 0 (default: the last). */
  response_index?: number | null;
  /** Sign-ins in a row, each from the state the last one left (SAML-01, SAML-31): a number, 1 to 20; or a list of different sign-ins (each `name_id` + `attributes`, or a `response`), signed in one after another, and then `name_id`, `attributes` and `response` go in the list. */
  sign_ins?: SignIns;
}

/** A scenario: what the account is, how it is configured, who the user is, and what comes in. */
export interface Scenario {
  account?: Account;
  /** A whole directory to run through the rules. */
  batch?: BatchInput | null;
  /** A bulk CSV upload to check. */
  csv?: CsvInput | null;
  description?: string | null;
  /** The users the account already has (SCIM uniqueness, CSV diffs, batches). */
  directory?: UserInput[];
  /** The format version: 1. */
  provisim: number;
  /** A SAML sign-in to simulate. */
  saml?: SamlInput | null;
  /** SCIM requests to simulate. */
  scim?: ScimInput | null;
  /** A Contact Center seat plan to compute. */
  seats?: SeatInput | null;
  /** A choice for every Assumption and Conflict of RULES.md; absent fields take the defaults. */
  settings?: Settings;
  sso?: SsoConfig;
  title?: string | null;
  /** The user as Zoom holds it before the input; absent or `null`: a user Zoom does not know. */
  user?: UserInput | null;
}

/** How the SCIM endpoint reads requests that break RFC 7644 the way Entra ID's documented ones do (SCIM-17). */
export type ScimDialect = "lenient" | "strict";

/** The SCIM simulation's input: requests, and/or the IdP side that produces them. */
export interface ScimInput {
  /** The logical clock of `meta.created` / `meta.lastModified` (SCIM-20); absent: it starts at 2024-01-01T00:00:00Z and each request takes one second. */
  clock?: Clock | null;
  /** The connection to check (SCIM-16). */
  connection?: Connection | null;
  /** The SCIM identities of directory users, as a real log knows them (`id`, `externalId`, a `userName` other than the email, `meta`), so the log's requests can be replayed (SCIM-20). */
  identities?: Identity[];
  /** The IdP's attribute mappings and users: they produce requests applied after `requests` (SCIM-08). */
  idp?: IdpSync | null;
  /** Templates applied in the web portal after the requests (TPL-02). */
  portal?: PortalTemplate[];
  /** Requests per second Zoom allows, to estimate how long the requests take (SCIM-10). */
  rate_limit_per_second?: number | null;
  /** Requests applied in order to the directory. */
  requests?: ScimRequest[];
}

/** The outcome of a SCIM simulation. */
export interface ScimReport {
  /** The logical clock `meta.created` and `meta.lastModified` come from (SCIM-20). */
  clock: ClockOut;
  /** The directory after the last request. */
  directory: DirectoryUser[];
  /** How long the requests take at the given rate limit (SCIM-10). */
  duration_seconds?: number | null;
  groups: GroupOut[];
  /** What `scim.idp.import` brought in: the mapping table, the scope, and what was left out. */
  import?: ImportReport | null;
  /** Whether the failures would send the provisioning app into quarantine (SCIM-09). */
  quarantine: boolean;
  /** Every request, in the order Zoom received them. */
  results: RequestResult[];
  settings: SettingEcho[];
  /** When the IdP's changes land (SCIM-09), if an IdP sync was simulated. */
  timeline?: Timeline | null;
  warnings: Warning[];
}

/** One SCIM request as the IdP sends it. */
export interface ScimRequest {
  /** The JSON body (POST, PUT, PATCH). */
  body?: unknown;
  method: Method;
  /** `/scim2/Users`, `/scim/Users/{id}`, a full URL, or `/Users/{id}`; the id may be the user's provisim id (`zoom-1`, …) or their userName. */
  path: string;
}

/** A scoping filter (SCIM-15), as Entra ID writes one: a user passes when every clause of one of its groups holds (groups OR'ed, clauses within a group AND'ed). */
export interface Scope {
  groups: ScopeGroup[];
}

/** One clause: the IdP user's attribute, an operator and the values it is compared with. */
export interface ScopeClause {
  attribute: string;
  operator: ScopeOperator;
  /** The values compared with (`equals`: any of them; `not_equals`: none of them). */
  values?: string[];
}

/** Clauses that must all hold. */
export interface ScopeGroup {
  clauses: ScopeClause[];
}

/** The scoping-filter operators the simulator evaluates (Entra ID's, beyond regular expressions, bit masks and `Includes`). */
export type ScopeOperator = "not_equals" | "is_false" | "is_not_null" | "greater_than_or_equals" | "equals" | "is_true" | "is_null" | "greater_than";

/** What the planner needs to know about the account. */
export interface SeatInput {
  /** Individual add-ons the account holds. */
  addons?: AddOnCounts;
  /** Contact Center agents who should use the products. */
  agents: number;
  /** Bundled or unbundled; when absent, Elite is bundled and the others are not (LIC-05). */
  bundle?: Bundle | null;
  /** Named or concurrent licenses (LIC-01, LIC-02). */
  licensing: Licensing;
  /** The package of the account's pool (LIC-04). */
  package: Package;
  /** Licenses in the pool. */
  pool: number;
}

/** The plan: access per product, and what to do. */
export interface SeatPlan {
  /** The bundle in force, after the default of LIC-05 was applied. */
  bundle: Bundle;
  /** Agents who hold a Contact Center license. */
  licensed_agents: number;
  /** Agents the bundled pool covers for WFM and QM (LIC-07); zero when unbundled. */
  pool_covered_agents: number;
  products: ProductAccess[];
  trace: Step[];
  warnings: Warning[];
}

/** A section of Advanced Information Mapping. The declaration order **is** the processing order (SAML-02): the order seed 001 lists them, License Assignment first, Sign in to Sub Account before the sections it keeps from sub-account users, a section listed twice at its first position. */
export type Section = "license" | "webinar" | "large_meeting" | "translated_captions" | "workforce_management" | "quality_management" | "scheduler" | "visitor_management" | "workplace_for_clinicians" | "custom_ai_companion" | "events_unlimited" | "sessions_pay_per_attendee" | "events_pay_per_attendee" | "revenue_accelerator" | "whiteboard" | "sub_account" | "user_role" | "user_group" | "user_group_admin" | "channel" | "recording_location" | "zoom_rooms_admin" | "contact_group" | "phone_calling_plan" | "phone_role" | "phone_site" | "clips_plus" | "mail_and_calendar" | "docs" | "custom_avatars" | "compliance_management" | "division" | "workplace_for_frontline" | "auto_dialer_plus" | "zra_role" | "cc_role" | "cc_package" | "cc_addons" | "cc_team" | "cc_supervisor" | "cc_region" | "cc_new_user_template";

/** One section of Advanced Information Mapping with its rules in their configured order. */
export interface SectionConfig {
  rules?: MappingRule[];
  section: Section;
}

/** What happened in one section. */
export type SectionStatus = "applied" | "unchanged" | "blocked" | "no_match" | "not_mapped" | "unavailable" | "owner_exempt" | "below_sub_account" | "inert" | "not_reached";

/** The trace of one section: its status, the rule that governs it, the effect and every rule tried. */
export interface SectionTrace {
  label: string;
  message: string;
  rule: string;
  rules: RuleTrace[];
  section: Section;
  status: SectionStatus;
}

/** A session log as CSV text or as a JSON list. */
export type SessionLog = string | SessionRow[];

/** One session as the input gives it. */
export interface SessionRow {
  end: string;
  start: string;
  user: string;
}

/** One setting as echoed in an outcome: its name, value, and the rule it decides. */
export interface SettingEcho {
  default: boolean;
  name: string;
  rule: string;
  value: string;
}

/** Every setting, with the rule whose Assumption or Conflict it decides. */
export interface Settings {
  /** SAML-13: which add-on sections remove an add-on when nothing matches. */
  addon_removal?: AddOnRemoval;
  /** SAML-03: whether rule values match case-sensitively (undocumented; default: not). */
  case_sensitive?: boolean;
  /** SAML-41: a user who lost the Contact Center license and is given one again counts as first given. */
  cc_relicense_counts_as_first?: boolean;
  /** SCIM-15: what happens to a user who leaves the provisioning scope. */
  out_of_scope?: OutOfScope;
  /** SAML-08: the owner's exemption from advanced mapping. */
  owner_exemption?: OwnerExemption;
  /** SAML-02: the state prerequisites are checked against. */
  prerequisites?: Prerequisites;
  /** SCIM-18: whether Zoom's endpoint takes `/Bulk` requests (undocumented; Assumption, default: it does). */
  scim_bulk?: boolean;
  /** SCIM-09: the IdP's provisioning cycle in minutes (Entra ID: about 40). */
  scim_cycle_minutes?: number;
  /** SCIM-17: where Entra ID's documented requests break RFC 7644 (unquoted filter values, `…:User.manager`, `path: "manager"` without the URN), answer as the RFC says (`strict`) or as Zoom is observed to (`lenient`, the default). */
  scim_dialect?: ScimDialect;
  /** SCIM-06: a create or update whose email belongs to another user is refused with 409 `uniqueness` (Assumption; default: on). Off: only `userName` is checked. */
  scim_unique_email?: boolean;
  /** SAML-09: first and last name update at every sign-in (default: first sign-in only). */
  update_names_every_sign_in?: boolean;
  /** SAML-42: whether WFM and QM can be assigned through SAML (seed 001) or only through the bundled Elite license (seed 000, the default). */
  wfm_qm_through_saml?: boolean;
  /** SCIM-03: `zoomRevenueAccelerator: false` removes the ZRA license (Assumption; default: it does). */
  zra_false_removes?: boolean;
}

/** How much a finding matters. */
export type Severity = "error" | "warning" | "info";

/** One side of a change: the value, and the rule that decided it. */
export interface Side {
  /** Why, in the engine's words. */
  reason: string;
  rule: string;
  rule_index?: number | null;
  /** The section and rule (from 0) that decided, when a mapping rule did. */
  section?: Section | null;
  value: string;
}

/** One sign-in: the decision, what changed, and why. */
export interface SignIn {
  /** Field by field, before → after (empty when refused). */
  changes: Change[];
  decision: Decision;
  /** 1 for the first sign-in of the run. */
  number: number;
  /** What Zoom received, when the sign-in is a pasted SAML Response: issuer, status, NameID, every attribute (with its FriendlyName and NameFormat), conditions and session. */
  received?: Received | null;
  /** Every configured Advanced section in processing order. */
  sections: SectionTrace[];
  /** Basic mapping and general steps. */
  steps: Step[];
  /** The user after this sign-in; `null` when no account exists. */
  user: User | null;
  warnings: Warning[];
}

/** One sign-in of a list: the assertion's NameID and attributes, or a SAML Response. */
export interface SignInInput {
  /** Attribute name → one value or several. */
  attributes?: Record<string, Values>;
  /** The assertion's NameID (usually the email). */
  name_id?: string | null;
  /** A SAML 2.0 Response instead of `name_id` and `attributes` (as in `saml.response`). */
  response?: string | null;
  /** For a SAML-tracer export: which of its Responses to read, from 0 (default: the last). */
  response_index?: number | null;
}

/** The outcome of one or more sign-ins in a row. */
export interface SignInReport {
  /** The settings in force, each with the rule whose Assumption or Conflict it decides. */
  settings: SettingEcho[];
  sign_ins: SignIn[];
  /** The user after the last sign-in; `null` when no account exists. */
  user: User | null;
  /** The warnings of every sign-in, each once. */
  warnings: Warning[];
}

/** `sign_ins`: a count, or the sign-ins themselves. */
export type SignIns = number | SignInInput[];

/** Which parts carry an XML signature (present, not verified). */
export interface Signed {
  assertion: boolean;
  response: boolean;
}

/** Where a request came from. */
export type Source = "request" | "idp" | "portal";

/** The account's SSO configuration: Basic mapping and Advanced Information Mapping. */
export interface SsoConfig {
  /** Advanced Information Mapping: sections with their ordered rules. The order of sections here does not matter; they are processed in the fixed order of SAML-02. */
  advanced?: SectionConfig[];
  basic?: BasicMapping;
}

/** The Response's status. */
export interface Status {
  /** The top-level StatusCode, e.g. `urn:oasis:names:tc:SAML:2.0:status:Success`. */
  code: string;
  message?: string | null;
  /** The second-level StatusCode, e.g. `…:status:AuthnFailed`. */
  subcode?: string | null;
  /** Whether the code is Success: only then does the Response carry an assertion to map. */
  success: boolean;
}

/** One step of an evaluation's trace: what was tried or decided, and the rule that says so. */
export interface Step {
  message: string;
  rule: string;
}

/** Whether a Contact Center template is for adding users or for updating them (SCIM-05). */
export type TemplateKind = "add" | "update";

/** How a batch's users reach Zoom. */
export type Through = "saml" | "idp";

/** When the IdP's requests land (SCIM-09). */
export interface Timeline {
  cycle_minutes: number;
  entries: TimelineEntry[];
  note: string;
}

export interface TimelineEntry {
  /** What the IdP sends: `create`, `update`, `disable`, `delete` or `none`. */
  action: string;
  /** The change reaches Zoom within this many minutes of being made in the IdP. */
  lands_within_minutes: number;
  /** Why the user is out of scope, when the scoping filter says so (SCIM-15). */
  scope?: string | null;
  user: string;
}

/** Which Response of a SAML-tracer export was read. */
export interface TracerPick {
  /** The captured request that carried it, from 0 (its place in the export's `requests`). */
  request: number;
  /** The Response read, from 0 (`response_index`; default the last). */
  response: number;
  /** The Responses the export holds. */
  responses: number;
}

/** Users holding a package with no pool described. */
export interface Unpooled {
  package: Package;
  users: number;
}

/** A user as Zoom holds it. Absent fields take the defaults of a new Basic member. */
export interface User {
  /** `false` once deactivated (SCIM `active: false`). */
  active: boolean;
  /** Add-ons by section key, with their type or capacity (e.g. `webinar`: `500`). Contact Center's add-ons (WFM, QM, AI Expert Assist) are not here but in `contact_center.addons`; `workforce_management` or `quality_management` written here (the old form) is moved there when the scenario is read, with a warning. */
  addons: Record<string, string>;
  contact_center: ContactCenter;
  department?: string | null;
  email: string;
  employee_id?: string | null;
  first_name: string;
  group_admin: string[];
  /** Groups in order: the first is the primary group (SAML-22). */
  groups: string[];
  job_title?: string | null;
  last_name: string;
  license: LicenseType;
  /** Separately listed licenses by key (`events_unlimited`, `revenue_accelerator`, `whiteboard`, …). */
  licenses: Record<string, string>;
  /** Meeting data transit and residency is On-Prem (SAML-16), distinct from the On-Prem type. */
  on_prem_data_residency: boolean;
  /** The account owner (SAML-08). */
  owner: boolean;
  phone: Phone;
  /** Other profile settings by section key (channel, recording location, division, …). */
  profile: Record<string, string>;
  /** Role name; `Member` by default. */
  role: string;
  rooms_admin: string[];
  /** Other email addresses of the user, besides `email` (each an address, none repeated). No rule of the catalogue uses them (the seeds never mention secondary emails): SCIM shows them among the user's `emails` (type `other`) and finds the user by them in a filter on `emails`; SAML sign-ins, batches, CSV uploads and SCIM-06's uniqueness match on `email` only. */
  secondary_emails?: string[];
  /** The sub-account the user signs in to, if not the primary (SAML-20). */
  sub_account?: string | null;
  /** The user hosts future-dated meetings or webinars (SAML-12). */
  upcoming_events: boolean;
  /** Zoom Revenue Accelerator role (SCIM-03, SAML ZRA Role). */
  zra_role?: string | null;
}

/** One user's effective access to every Contact Center product (LIC-08). */
export interface UserAccess {
  email: string;
  package: Package | null;
  /** Contact Center, WFM, QM, AI Expert Assist, in that order. */
  products: Access[];
}

/** One changed user, every field that differs. */
export interface UserImpact {
  email: string;
  fields: FieldChange[];
  /** The CSV line, or 1 + the list index. */
  row: number;
}

/** A user as Zoom holds it. Absent fields take the defaults of a new Basic member. */
export interface UserInput {
  /** `false` once deactivated (SCIM `active: false`). */
  active?: boolean;
  /** Add-ons by section key, with their type or capacity (e.g. `webinar`: `500`). Contact Center's add-ons (WFM, QM, AI Expert Assist) are not here but in `contact_center.addons`; `workforce_management` or `quality_management` written here (the old form) is moved there when the scenario is read, with a warning. */
  addons?: Record<string, string>;
  contact_center?: ContactCenterInput;
  department?: string | null;
  email?: string;
  employee_id?: string | null;
  first_name?: string;
  group_admin?: string[];
  /** Groups in order: the first is the primary group (SAML-22). */
  groups?: string[];
  job_title?: string | null;
  last_name?: string;
  license?: LicenseType;
  /** Separately listed licenses by key (`events_unlimited`, `revenue_accelerator`, `whiteboard`, …). */
  licenses?: Record<string, string>;
  /** Meeting data transit and residency is On-Prem (SAML-16), distinct from the On-Prem type. */
  on_prem_data_residency?: boolean;
  /** The account owner (SAML-08). */
  owner?: boolean;
  phone?: PhoneInput;
  /** Other profile settings by section key (channel, recording location, division, …). */
  profile?: Record<string, string>;
  /** Role name; `Member` by default. */
  role?: string;
  rooms_admin?: string[];
  /** Other email addresses of the user, besides `email` (each an address, none repeated). No rule of the catalogue uses them (the seeds never mention secondary emails): SCIM shows them among the user's `emails` (type `other`) and finds the user by them in a filter on `emails`; SAML sign-ins, batches, CSV uploads and SCIM-06's uniqueness match on `email` only. */
  secondary_emails?: string[];
  /** The sub-account the user signs in to, if not the primary (SAML-20). */
  sub_account?: string | null;
  /** The user hosts future-dated meetings or webinars (SAML-12). */
  upcoming_events?: boolean;
  /** Zoom Revenue Accelerator role (SCIM-03, SAML ZRA Role). */
  zra_role?: string | null;
}

/** A count of users with the first few of their emails: lists stay small however large the directory. */
export interface UserList {
  count: number;
  /** The first emails, in the order the users came; at most the list limit. */
  emails: string[];
  /** Users counted but not listed. */
  more: number;
}

/** One user's outcome. */
export interface UserOutcome {
  /** Access to the Contact Center products, when pools are described (LIC-08). */
  access?: UserAccess | null;
  /** Before → after, field by field (empty when refused). */
  changes: Change[];
  decision: Decision;
  email: string;
  /** Whether Zoom knew the user before this sign-in. */
  existed: boolean;
  /** The user's position: the CSV line, or 1 + the list index. */
  row: number;
  warnings: Warning[];
}

/** What `validateScenario` reports for a valid scenario. */
export interface Validation {
  /** Which inputs the scenario carries (`saml`, `seats`). */
  inputs: string[];
  valid: boolean;
  warnings: Warning[];
}

/** One value or several. */
export type Values = string | string[];

/** Something the admin should know or act on, with what to do about it. */
export interface Warning {
  help: string;
  message: string;
  rule: string;
}

/** Users a warning of one rule hit. */
export interface WarningGroup {
  help: string;
  /** The first such warning, as an example. */
  message: string;
  rule: string;
  users: UserList;
}

