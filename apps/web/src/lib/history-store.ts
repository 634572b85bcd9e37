import { type HistoryRun, readHistoryRuns, runsBeyondLimit, serializeHistoryRun } from './history';

const databaseName = 'seer';
const storeName = 'runs';

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

let opened: Promise<IDBDatabase> | undefined;

function openDatabase(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available.'));
      return;
    }
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(storeName)) {
        request.result.createObjectStore(storeName, { keyPath: 'id' });
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('The history database is blocked by another tab.'));
  }).catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  return opened;
}

/** Every saved run, newest first. */
export async function listHistoryRuns(): Promise<HistoryRun[]> {
  const database = await openDatabase();
  const values = await promised(database.transaction(storeName, 'readonly').objectStore(storeName).getAll());
  return readHistoryRuns(values);
}

/** Saves a run (replacing one with its id), then drops the oldest beyond the limit. */
export async function saveHistoryRun(run: HistoryRun): Promise<void> {
  const database = await openDatabase();
  const transaction = database.transaction(storeName, 'readwrite');
  const store = transaction.objectStore(storeName);
  store.put(serializeHistoryRun(run));
  const all = readHistoryRuns(await promised(store.getAll()));
  for (const id of runsBeyondLimit(all)) store.delete(id);
  await done(transaction);
}

/** Deletes a saved run. */
export async function deleteHistoryRun(id: string): Promise<void> {
  const database = await openDatabase();
  const transaction = database.transaction(storeName, 'readwrite');
  transaction.objectStore(storeName).delete(id);
  await done(transaction);
}
