/**
 * Photos attached to e-consultations, checked the same way by the platform and the fake journal:
 * base64 whose length is a multiple of 4 (the contracts' pattern is kept linear, so this part is
 * checked here), at most 5 MiB decoded (payload-too-large). The contracts check the type's
 * signature, the file name and the character set.
 */
import { type FieldError, SandboxError, ValidationError } from './errors.ts';

/** The largest photo, decoded (the contracts' 5 MiB). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** The decoded size of padded standard base64. */
export function decodedSize(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor(base64.length / 4) * 3 - padding;
}

/** Refuses photos that are not whole base64 (validation-failed) or are over 5 MiB (payload-too-large). */
export function checkPhotos(uploads: readonly { data: string }[], pointer = '/body/attachments'): void {
  const errors: FieldError[] = [];
  uploads.forEach((upload, i) => {
    if (upload.data.length % 4 !== 0) {
      errors.push({
        pointer: `${pointer}/${i}/data`,
        message: 'is not padded base64 (its length must be a multiple of 4)',
      });
    }
  });
  if (errors.length > 0)
    throw new ValidationError('An attachment is not valid base64; fix the fields listed in errors.', errors);
  const tooLarge = uploads.findIndex((a) => decodedSize(a.data) > MAX_ATTACHMENT_BYTES);
  if (tooLarge >= 0) {
    throw new SandboxError(
      'payload-too-large',
      `Attachment ${tooLarge} is over 5 MiB decoded; send at most 3 photos of at most 5 MiB each.`,
    );
  }
}
