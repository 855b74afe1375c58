// The stored snapshot's reader (docs/assets/calculator/snapshot-format.mjs) against a file
// written here the way sitebuild/snapshot_store.py writes it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { expandSnapshot, HEADER, MAGIC } from "../../docs/assets/calculator/snapshot-format.mjs";

const PAGE = 4096;

/**
 * A stored file: total length, image length and sum, and the runs [first page, pages, fill byte].
 * @param {number} total
 * @param {number} imageLength
 * @param {number} imageSum
 * @param {[number, number, number][]} runs
 */
function stored(total, imageLength, imageSum, runs) {
  const table = HEADER.length + runs.length * 8;
  const body = runs.reduce((size, [, count]) => size + count * PAGE, 0);
  const buffer = new ArrayBuffer(table + body);
  const view = new DataView(buffer);
  new Uint8Array(buffer).set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(HEADER.total, total, true);
  view.setUint32(HEADER.pageSize, PAGE, true);
  view.setUint32(HEADER.runs, runs.length, true);
  view.setUint32(HEADER.imageLength, imageLength, true);
  view.setUint32(HEADER.imageSum, imageSum, true);
  let offset = table;
  runs.forEach(([first, count, fill], index) => {
    view.setUint32(HEADER.length + index * 8, first, true);
    view.setUint32(HEADER.length + index * 8 + 4, count, true);
    new Uint8Array(buffer, offset, count * PAGE).fill(fill);
    offset += count * PAGE;
  });
  return buffer;
}

test("the stored pages go back in place, the rest is zero", () => {
  const { memory, imageLength, imageSum } = expandSnapshot(stored(10 * PAGE, 64, 12345, [[1, 2, 7], [6, 1, 9]]));
  assert.equal(memory.length, 10 * PAGE);
  assert.deepEqual([imageLength, imageSum], [64, 12345]);
  assert.equal(memory[0], 0);
  assert.equal(memory[PAGE], 7);
  assert.equal(memory[3 * PAGE - 1], 7);
  assert.equal(memory[3 * PAGE], 0);
  assert.equal(memory[6 * PAGE + 100], 9);
  assert.equal(memory[7 * PAGE], 0);
});

test("a file cut short, or with bytes after its runs, is refused", () => {
  const whole = stored(4 * PAGE, 0, 0, [[0, 2, 1]]);
  assert.throws(() => expandSnapshot(whole.slice(0, whole.byteLength - 1)), /启动快照不完整/);
  const longer = new Uint8Array(whole.byteLength + 4);
  longer.set(new Uint8Array(whole));
  assert.throws(() => expandSnapshot(longer.buffer), /启动快照不完整/);
  assert.throws(() => expandSnapshot(whole.slice(0, HEADER.length + 4)), /启动快照不完整/);
});

test("another format is refused", () => {
  assert.throws(() => expandSnapshot(new ArrayBuffer(40)), /启动快照的格式不对/);
  assert.throws(() => expandSnapshot(new TextEncoder().encode("PYSNAPX").buffer), /启动快照的格式不对/);
});
