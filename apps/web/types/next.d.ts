/// <reference types="next" />
/// <reference types="next/image-types/global" />

// Lets `tsc --noEmit` run before `next build` has written next-env.d.ts.
declare module '*.css';
