import { createHash } from 'node:crypto';

/**
 * The id of a resource of an exported message, made from what it is (the referral, the message, the part), so that
 * exporting the dialogue again gives every message the same MessageHeader id: an Acknowledgement names the message by
 * it, and a message sent twice is recognised by its receiver as the same. Written as a version 4 UUID, as MedCom's
 * identifiers are (medcom-uuidv4): the first 16 bytes of a SHA-256 with the version and variant bits set.
 */
export function medcomId(...parts: string[]): string {
  const bytes = createHash('sha256')
    .update(['henvis-medcom', ...parts].join('\u0000'))
    .digest()
    .subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x40, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A MedCom identifier value: the UUID as a URN. */
export const urnUuid = (id: string) => `urn:uuid:${id}`;
