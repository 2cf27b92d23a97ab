import { SUPERVISOR } from '../apps-under-test';
import { API_URL, createAccountUser, signInAs } from './account-helpers';
import { apiAs } from './admin-helpers';
import { expect, test } from './fixtures';

// Who is coming, with their photo: the worker sets one through the API (a PROFILE image of
// their own); the client's home shows it on the next-visit card, fetched with the session.

/** A 2×2 red PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

test("the client's home shows the photo of the worker who is coming", async ({ page, request }, info) => {
  // A client and a worker of our own, so no other journey's check-in moves the client's next visit.
  const [client, worker] = await Promise.all([
    createAccountUser(request, 'CLIENT'),
    createAccountUser(request, 'WORKER'),
  ]);
  const supervisor = await apiAs(request, SUPERVISOR);
  const start = new Date(Date.now() + 2 * 3_600_000);
  const booked = await supervisor.send('POST', '/visits', {
    clientId: client.id,
    workerId: worker.id,
    scheduledStart: start.toISOString(),
    scheduledEnd: new Date(start.getTime() + 3_600_000).toISOString(),
    serviceType: 'COMPANION',
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const login = await request.post(`${API_URL}/auth/login`, {
    data: { email: worker.email, password: worker.password, tokenDelivery: 'body' },
  });
  const headers = { authorization: `Bearer ${(await login.json()).data.accessToken}` };
  const me = { id: worker.id };

  const upload = await request.post(`${API_URL}/files/upload`, {
    headers,
    multipart: {
      entityType: 'PROFILE',
      entityId: me.id,
      category: 'photo',
      file: { name: 'jordan.png', mimeType: 'image/png', buffer: PNG },
    },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const fileId = (await upload.json()).data.id as string;
  const set = await request.put(`${API_URL}/users/${me.id}/photo`, { headers, data: { fileId } });
  expect(set.status(), await set.text()).toBe(200);

  await signInAs(page, client);
  const photo = page.getByRole('img', { name: `Photo of ${worker.firstName} ${worker.lastName}` });
  await expect(photo).toBeVisible();
  await expect(photo).toHaveAttribute('loading', 'lazy');
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);

  for (const [name, size] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 800 }],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: info.outputPath(`home-photo-${name}.png`) });
    await page.screenshot({ path: `/tmp/photo-home-${name}.png` });
  }

  // The visit's own page shows the same photo beside the name.
  const visitId = (booked.body as { data: { id: string } }).data.id;
  await page.goto(`/visits/${visitId}`);
  const onDetail = page.getByRole('img', { name: `Photo of ${worker.firstName} ${worker.lastName}` });
  await expect(onDetail).toBeVisible();
  await expect.poll(() => onDetail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);
  for (const [name, size] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 800 }],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: info.outputPath(`visit-photo-${name}.png`) });
    await page.screenshot({ path: `/tmp/photo-visit-${name}.png` });
  }

  // A worker without a photo: their initials in a plain circle, no picture and no broken image.
  const other = await createAccountUser(request, 'WORKER');
  const later = new Date(start.getTime() + 24 * 3_600_000);
  const second = await supervisor.send('POST', '/visits', {
    clientId: client.id,
    workerId: other.id,
    scheduledStart: later.toISOString(),
    scheduledEnd: new Date(later.getTime() + 3_600_000).toISOString(),
    serviceType: 'COMPANION',
  });
  expect(second.status, JSON.stringify(second.body)).toBe(201);
  await page.goto(`/visits/${(second.body as { data: { id: string } }).data.id}`);
  await expect(page.getByText(`${other.firstName} ${other.lastName}`).first()).toBeVisible();
  await expect(page.getByTestId('worker-initials')).toHaveText(`${other.firstName[0]}${other.lastName[0]}`);
  await expect(page.getByRole('img', { name: /^Photo of/ })).toHaveCount(0);
});
