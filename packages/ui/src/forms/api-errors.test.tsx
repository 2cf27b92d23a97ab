import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACT_FIELDS, CONTACT_RENAME, type ContactFormValues } from '../account/contact-fields';
import { loadContactSchema } from '../account/schemas';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { ApiError } from '../data/api-client';
import type { Locale } from '../i18n/locales';
import { renderWithProviders } from '../test/render';
import { FormTextField } from './form-text-field';
import { useApiSubmit } from './use-api-submit';
import { useZodForm } from './use-zod-form';

afterEach(cleanup);

const empty: ContactFormValues = {
  phone: '',
  alternatePhone: '',
  addressLine1: '',
  addressLine2: '',
  city: '',
  state: '',
  postalCode: '',
  emergencyName: '',
  emergencyPhone: '',
  emergencyRelationship: '',
};

/** The account screen's contact form, reduced to two fields, submitting to a stand-in for the API call. */
function ContactHarness({ submit }: { submit: (body: unknown) => Promise<unknown> }) {
  const form = useZodForm(loadContactSchema, { defaultValues: empty });
  const { onSubmit, formError } = useApiSubmit(form, { fields: CONTACT_FIELDS, rename: CONTACT_RENAME, submit });
  return (
    <form noValidate onSubmit={onSubmit}>
      {formError && <Alert>{formError}</Alert>}
      <FormTextField control={form.control} name="phone" label="Phone number" />
      <FormTextField control={form.control} name="addressLine1" label="Street" />
      <Button type="submit">Save</Button>
    </form>
  );
}

// What the API answers for a bad profile update (the error handler's shape: details lists fields).
const apiRefusal = (details: { field: string; message: string }[]) =>
  new ApiError(400, 'VALIDATION_ERROR', 'Invalid request', details);

function setup(submit: (body: unknown) => Promise<unknown>, locale: Locale = 'en') {
  renderWithProviders(<ContactHarness submit={submit} />, { locale });
  return userEvent.setup();
}

function describedText(input: HTMLElement): string {
  const ids = input.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('form errors', () => {
  it("puts the API's field errors next to their fields after submit, announced with the input", async () => {
    const sent: unknown[] = [];
    const user = setup(async (body) => {
      sent.push(body);
      throw apiRefusal([{ field: 'body.profile.phone', message: 'is already in use' }]);
    });
    await user.type(screen.getByLabelText('Phone number'), '503 555 0199');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const phone = screen.getByLabelText('Phone number');
    await waitFor(() => expect(phone).toHaveProperty('ariaInvalid', 'true'));
    expect(describedText(phone)).toContain('This is already in use.');
    // The body the schema built is what went to the API.
    expect(sent).toEqual([{ profile: expect.objectContaining({ phone: '503 555 0199', address: null }) }]);
    // Named on its field, so no summary of unknown fields is needed.
    expect(screen.queryByRole('alert', { name: /fields/ })).toBeNull();
    expect(screen.getByLabelText('Street').getAttribute('aria-invalid')).toBeNull();
  });

  it('maps nested API paths through the rename table and lists issues of no field above the form', async () => {
    const user = setup(async () => {
      throw apiRefusal([
        { field: 'body.profile.address.line1', message: 'is not yours to change' },
        { field: 'body.version', message: 'is stale' },
      ]);
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const street = screen.getByLabelText('Street');
    await waitFor(() => expect(describedText(street)).toContain('You cannot change this.'));
    expect(street.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('version: is stale');
  });

  it('validates with the shared schema as the user types, in their language, before anything is sent', async () => {
    const sent: unknown[] = [];
    const user = setup(async (body) => sent.push(body), 'es');
    const phone = screen.getByLabelText('Phone number');
    await user.type(phone, 'call me');
    await user.tab(); // validation starts once the field has been left
    await waitFor(() => expect(describedText(phone)).toContain('Escriba un número de teléfono'));
    await user.clear(phone);
    await user.type(phone, '503 555 0142'); // and then follows every key
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBeNull());
    await user.type(screen.getByLabelText('Street'), '12 Oak St');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    // An address needs its city and ZIP code too (the schema's all-or-nothing rule): nothing is sent
    // (this harness has no such fields to show it on; the account screen does).
    await user.clear(screen.getByLabelText('Street'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ profile: expect.objectContaining({ phone: '503 555 0142', address: null }) });
  });

  it('shows a failure that names no field (the network) as one message in the user language', async () => {
    const user = setup(async () => {
      throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the CareTracker service.');
    }, 'es');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'No se puede conectar con el servicio CareTracker',
    );
  });
});
