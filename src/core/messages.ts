// Message templates live with their check; ESLint rules read them as `meta.messages` and
// every other surface formats them here, with ESLint's own `{{ name }}` interpolation.

export type Messages<M extends string> = Readonly<Record<M, string>>;

/** ESLint's interpolation: `{{ key }}` replaced by `data[key]`, unknown keys left as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{([^{}]+?)\}\}/g, (whole, key: string) => {
    const name = key.trim();
    return Object.hasOwn(data, name) ? data[name]! : whole;
  });
}

/** Formats a finding's message from its check's templates (the messageId itself when the check has none). */
export function messageOf(messages: Messages<string> | undefined, messageId: string, data: Readonly<Record<string, string>>): string {
  const template = messages && Object.hasOwn(messages, messageId) ? messages[messageId as keyof typeof messages] : undefined;
  return formatMessage(template ?? messageId, data);
}
