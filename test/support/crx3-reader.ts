/**
 * Reads a CRX3 file the way Chromium's verifier does (crx_verifier.cc), independently of the writer:
 * the header's protobuf fields by hand, the RSA proof checked over "CRX3 SignedData\0" + length +
 * signed header + zip, and the id from the proof's key.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';

function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++]!;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [value, at];
    shift += 7;
  }
}

/** Length-delimited fields of a protobuf message, by number. */
function fields(buf: Buffer): Map<number, Buffer[]> {
  const out = new Map<number, Buffer[]>();
  let at = 0;
  while (at < buf.length) {
    const [tag, afterTag] = varint(buf, at);
    if ((tag & 7) !== 2) throw new Error(`unexpected wire type ${tag & 7}`);
    const [length, afterLength] = varint(buf, afterTag);
    const value = buf.subarray(afterLength, afterLength + length);
    out.set(tag >>> 3, [...(out.get(tag >>> 3) ?? []), value]);
    at = afterLength + length;
  }
  return out;
}

export interface Crx3 {
  /** The id Chrome would give it (from the first RSA proof's key). */
  id: string;
  /** Whether every RSA proof verifies and the signed header names that id. */
  signatureValid: boolean;
  zip: Buffer;
}

export function readCrx3(file: Buffer): Crx3 {
  if (file.subarray(0, 4).toString('latin1') !== 'Cr24') throw new Error('not a CRX file');
  if (file.readUInt32LE(4) !== 3) throw new Error(`CRX version ${file.readUInt32LE(4)}, not 3`);
  const headerLength = file.readUInt32LE(8);
  const header = fields(file.subarray(12, 12 + headerLength));
  const zip = file.subarray(12 + headerLength);
  const signedHeader = header.get(10000)?.[0] ?? Buffer.alloc(0);
  const proofs = (header.get(2) ?? []).map((p) => fields(p));
  if (proofs.length === 0) throw new Error('no sha256_with_rsa proof');
  const spki = proofs[0]!.get(1)![0]!;
  const idBytes = createHash('sha256').update(spki).digest().subarray(0, 16);
  const id = [...idBytes.toString('hex')].map((d) => String.fromCharCode(97 + Number.parseInt(d, 16))).join('');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedHeader.length);
  const signed = Buffer.concat([Buffer.from('CRX3 SignedData\x00', 'latin1'), length, signedHeader, zip]);
  const signatureValid =
    proofs.every((p) => verify('sha256', signed, createPublicKey({ key: p.get(1)![0]!, format: 'der', type: 'spki' }), p.get(2)![0]!)) &&
    fields(signedHeader).get(1)?.[0]?.equals(idBytes) === true;
  return { id, signatureValid, zip };
}
