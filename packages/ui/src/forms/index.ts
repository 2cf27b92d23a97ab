// `@caretracker/ui/forms`: react-hook-form + the shared Zod schemas. zod itself loads after the
// page (see SchemaLoader), never in a route's initial JS.
export { type ApplyApiErrorsOptions, applyApiErrors, fieldIssuesOf, formPathOf } from './api-errors';
export type { Bound } from './bound';
export { translateFieldMessage, type ValidationT, zodIssueMessage } from './field-messages';
export { FormCheckbox } from './form-checkbox';
export { FormRadioGroup } from './form-radio-group';
export { FormSelect } from './form-select';
export { FormSwitch } from './form-switch';
export { FormTextField } from './form-text-field';
export { type UseApiSubmitOptions, useApiSubmit } from './use-api-submit';
export { type SchemaLoader, type UseZodFormOptions, useZodForm } from './use-zod-form';
