/**
 * CRX3, the package format Chrome and Edge install: "Cr24", format version 3, a protobuf header with
 * the publisher's RSA proof, then the zip. Written from Chromium's `crx_file.proto` and
 * `crx_verifier.cc`: the signature covers "CRX3 SignedData\0", the signed header's length (u32 LE),
 * the signed header (which names the crx id) and the whole zip.
 */
import { createHash, createPublicKey, createSign, type KeyObject } from 'node:crypto';

const MAGIC = Buffer.from('Cr24', 'latin1');
const SIGNATURE_CONTEXT = Buffer.from('CRX3 SignedData\x00', 'latin1');

/** The public key as Chrome hashes it: DER SubjectPublicKeyInfo. */
export const publicKeyDer = (key: KeyObject): Buffer => createPublicKey(key).export({ type: 'spki', format: 'der' });

/** The first 16 bytes of sha256(SPKI): the id's bytes, as the signed header carries them. */
const crxIdBytes = (spki: Buffer): Buffer => createHash('sha256').update(spki).digest().subarray(0, 16);

/** The extension id Chrome derives from the key: 32 hex digits of sha256(SPKI), each 0-f written a-p. */
export function extensionIdOf(key: KeyObject): string {
  return [...crxIdBytes(publicKeyDer(key)).toString('hex')].map((d) => String.fromCharCode(97 + Number.parseInt(d, 16))).join('');
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/** A length-delimited protobuf field (wire type 2). */
const field = (num: number, value: Buffer): Buffer => Buffer.concat([varint((num << 3) | 2), varint(value.length), value]);

/**
 * Signs `zip` with the RSA `privateKey` (sha256 with RSA, PKCS#1 v1.5) into a CRX3 file. The signed
 * bytes are fed to the signer piece by piece rather than copied into one buffer first: copying a large
 * archive is what would hold the event loop, not the hash or the RSA operation.
 */
export function packCrx3(zip: Buffer, privateKey: KeyObject): Buffer {
  const spki = publicKeyDer(privateKey);
  const signedHeaderData = field(1, crxIdBytes(spki)); // SignedData { bytes crx_id = 1; }
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signedHeaderData.length);
  const signer = createSign('sha256');
  for (const part of [SIGNATURE_CONTEXT, length, signedHeaderData, zip]) signer.update(part);
  const signature = signer.sign(privateKey);
  const header = Buffer.concat([
    field(2, Buffer.concat([field(1, spki), field(2, signature)])), // AsymmetricKeyProof sha256_with_rsa = 2
    field(10000, signedHeaderData), // bytes signed_header_data = 10000
  ]);
  const prefix = Buffer.alloc(12);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(3, 4);
  prefix.writeUInt32LE(header.length, 8);
  return Buffer.concat([prefix, header, zip]);
}
