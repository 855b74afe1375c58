// The calculator's stored memory snapshot, as sitebuild/snapshot_store.py writes it (see stored there):
// the snapshot XOR the wasm's data image, without its all-zero pages. This reads it back.
// @ts-check

export const MAGIC = "PYSNAPX1";

/**
 * The header after the 8-byte magic: little-endian u32s, then a (first page, page count) pair
 * per run of stored pages, then the runs' bytes.
 */
export const HEADER = Object.freeze({
  total: 8, // the whole snapshot's length in bytes
  pageSize: 12, // the size of a page (4096)
  runs: 16, // how many runs of stored pages follow
  imageLength: 20, // the length of the wasm's data image XORed into the snapshot
  imageSum: 24, // the wrapping u32 sum of that image's words (checked against the live memory)
  length: 28, // where the runs' table starts
});

/**
 * The snapshot's memory with its zero pages put back, and what the image must match.
 * @param {ArrayBuffer} buffer the stored file, as downloaded
 * @returns {{memory: Uint8Array, imageLength: number, imageSum: number}}
 */
export function expandSnapshot(buffer) {
  const view = new DataView(buffer);
  const magic = new TextDecoder().decode(new Uint8Array(buffer, 0, Math.min(8, buffer.byteLength)));
  if (magic !== MAGIC || buffer.byteLength < HEADER.length) throw new Error("启动快照的格式不对");
  const total = view.getUint32(HEADER.total, true);
  const page = view.getUint32(HEADER.pageSize, true);
  const runs = view.getUint32(HEADER.runs, true);
  const imageLength = view.getUint32(HEADER.imageLength, true);
  const imageSum = view.getUint32(HEADER.imageSum, true);
  if (HEADER.length + runs * 8 > buffer.byteLength) throw new Error("启动快照不完整");
  const memory = new Uint8Array(total); // zero-filled: only the stored pages are copied in
  let offset = HEADER.length + runs * 8;
  for (let run = 0; run < runs; run++) {
    const start = view.getUint32(HEADER.length + run * 8, true) * page;
    const length = Math.min(view.getUint32(HEADER.length + 4 + run * 8, true) * page, total - start);
    if (offset + length > buffer.byteLength) throw new Error("启动快照不完整");
    memory.set(new Uint8Array(buffer, offset, length), start);
    offset += length;
  }
  if (offset !== buffer.byteLength) throw new Error("启动快照不完整");
  return { memory, imageLength, imageSum };
}
