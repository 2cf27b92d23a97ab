import type { Control, FieldValues, Path } from 'react-hook-form';

/** A primitive bound to react-hook-form: value, change, blur, focus on error, and the error under it. */
export interface Bound<T extends FieldValues, O extends FieldValues> {
  /** The form's control; O is what the schema turns the values into on submit. */
  control: Control<T, unknown, O>;
  name: Path<T>;
}
