'use client';

import { useEffect, useRef } from 'react';

/** A step's h1; takes focus when it replaces another step, so screen readers announce it. */
export function StepHeading({ text, focus }: { text: string; focus: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1} className="font-bold text-2xl text-ink outline-none">
      {text}
    </h1>
  );
}
