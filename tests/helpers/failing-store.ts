import { Transform, type Readable } from 'node:stream';
import type { FileStore } from '../../src/server/platform/files.js';

/** The error Node raises when a write finds the disk full. */
export function enospc(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

/**
 * A file store whose disk fills up: the first `afterBytes` bytes of each file reach the real store
 * (so it has begun writing, a `.part` on a folder store), then the stream fails with ENOSPC as a
 * full disk makes a write fail. `armed` switches the fault on and off; `puts` counts the attempts.
 */
export class DiskFullStore implements FileStore {
  armed = true;
  puts = 0;
  constructor(
    readonly inner: FileStore,
    readonly afterBytes = 1024,
  ) {}

  put(key: string, source: Readable) {
    this.puts++;
    if (!this.armed) return this.inner.put(key, source);
    let written = 0;
    const limit = this.afterBytes;
    const filling = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        if (written + chunk.length <= limit) {
          written += chunk.length;
          return cb(null, chunk);
        }
        // What still fits goes through, then the write fails.
        const room = limit - written;
        written = limit;
        if (room > 0) this.push(chunk.subarray(0, room));
        cb(enospc());
      },
    });
    // Once the fault fired the source is not read to its end: released (its file closed) at once.
    source.on('error', (e) => filling.destroy(e));
    filling.on('error', () => source.destroy());
    return this.inner.put(key, source.pipe(filling));
  }

  get(key: string) {
    return this.inner.get(key);
  }

  delete(key: string) {
    return this.inner.delete(key);
  }

  list(prefix?: string) {
    return this.inner.list(prefix);
  }
}
