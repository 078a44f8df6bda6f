// Answers wait in IndexedDB until the server has them: a tablet that loses its network, or is
// switched off, keeps every answer with its id and time and sends them in order when it can.
// The server's collector counts a resent id once, so sending again after a lost response is safe.
const DB = "cx-capture", STORE = "answers";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const db = open();

async function run(mode, work) {
  const store = (await db).transaction(STORE, mode).objectStore(STORE);
  return new Promise((resolve, reject) => {
    const request = work(store);
    request.transaction.oncomplete = () => resolve(request.result);
    request.transaction.onerror = () => reject(request.transaction.error);
  });
}

export const add = answer => run("readwrite", s => s.add(answer));
/** The oldest first (keys grow with every answer). */
export const oldest = limit => run("readonly", s => s.getAll(null, limit));
export const count = () => run("readonly", s => s.count());
export async function remove(seqs) {
  if (!seqs.length) return;
  const store = (await db).transaction(STORE, "readwrite").objectStore(STORE);
  await new Promise((resolve, reject) => {
    for (const seq of seqs) store.delete(seq);
    store.transaction.oncomplete = resolve;
    store.transaction.onerror = () => reject(store.transaction.error);
  });
}

/** A v4 UUID also outside secure contexts (a tablet on http:// in the shop's network has no crypto.randomUUID). */
export function newId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map(x => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
