// `@caretracker/ui/components`: the accessible primitives. Each wraps react-aria-components
// (imported per component, so a route bundles only what it renders) in the Tailwind theme.
export { Alert, type AlertProps, type AlertTone } from './alert';
export { Badge, type BadgeTone } from './badge';
export { Button, type ButtonProps, type ButtonVariant } from './button';
export { Card, type CardProps } from './card';
export { Checkbox, type CheckboxProps } from './checkbox';
export { cx, fieldStyles } from './class-names';
export { ComboBox, type ComboBoxProps } from './combo-box';
export {
  DatePicker,
  type DatePickerProps,
  type DateValue,
  TimeField,
  type TimeFieldProps,
  type TimeValue,
} from './date-picker';
export { AlertDialog, type AlertDialogProps, Dialog, type DialogProps, DialogTrigger } from './dialog';
export { Icon, type IconName } from './icons';
export { ButtonLink, type ButtonLinkProps, Link, type LinkProps } from './link';
export { ListBoxItem, Popover } from './list-box';
export { Menu, MenuItem, type MenuProps } from './menu';
export { Radio, RadioGroup, type RadioGroupProps, type RadioProps } from './radio-group';
export { type Option, Select, type SelectProps } from './select';
export { LoadingState, Skeleton } from './skeleton';
export { EmptyState, type EmptyStateProps, ErrorState, type ErrorStateProps, NotFoundState } from './states';
export { Switch, type SwitchProps } from './switch';
export { DataTable, type DataTableProps, type Selection, type SortDescriptor, type TableColumn } from './table';
export { Tab, TabList, TabPanel, Tabs } from './tabs';
export { TextField, type TextFieldProps } from './text-field';
export { Toaster, type ToastMessage, type ToastTone, toast, toastQueue } from './toast';
export { dateInZone, isoFromZoned, todayIn, zonedFromIso } from './zoned-time';
