import { DEMO_PASSWORD } from '../apps-under-test';
import { API_URL } from './account-helpers';
import { apiAs, WORKER } from './admin-helpers';
import { expect, test } from './fixtures';
import { CLIENT, signInAsClient } from './web-portal-helpers';

// Who is coming, with their photo: the demo worker sets one through the API (a PROFILE image of
// their own); the client's home shows it on the next-visit card, fetched with the session.

/** A 2×2 red PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

test("the client's home shows the photo of the worker who is coming", async ({ page, request }, info) => {
  const pat = await apiAs(request, CLIENT);
  const home = await pat.get<{ nextVisit: { worker: { id: string; firstName: string; lastName: string } | null } }>(
    '/portal/home',
  );
  const worker = home.nextVisit?.worker;
  const login = await request.post(`${API_URL}/auth/login`, {
    data: { email: WORKER.email, password: DEMO_PASSWORD, tokenDelivery: 'body' },
  });
  const headers = { authorization: `Bearer ${(await login.json()).data.accessToken}` };
  const me = (await (await request.get(`${API_URL}/auth/me`, { headers })).json()).data as { id: string };
  expect(worker?.id, "the demo seed's next visit for Pat is with the demo worker").toBe(me.id);

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

  await signInAsClient(page);
  const photo = page.getByRole('img', { name: `Photo of ${worker?.firstName} ${worker?.lastName}` });
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
});
