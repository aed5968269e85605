const BLOCK = 1024 * 1024;

/**
 * Output encoded straight into large buffers: joining hundreds of thousands of JSON lines into one string
 * and encoding it again cost more than classifying them. Blocks whose bytes have been written are filled
 * again: a fresh megabyte per megabyte of output made the garbage collector run for the memory outside the heap.
 */
export class ByteQueue {
  private block: Buffer = Buffer.allocUnsafe(BLOCK);
  private start = 0;
  private used = 0;
  private sealed: Buffer[] = [];
  /** Full blocks whose bytes are queued, then handed out by take() and being written. */
  private retired: Buffer[] = [];
  private handedOut: Buffer[] = [];
  private readonly spare: Buffer[] = [];

  /** Appends the UTF-8 bytes of `text`. */
  push(text: string): void {
    // A UTF-16 unit never needs more than 3 UTF-8 bytes, so this much room always suffices.
    if (this.used + text.length * 3 > BLOCK) {
      this.seal();
      if (text.length * 3 > BLOCK) {
        this.sealed.push(Buffer.from(text));
        return;
      }
      this.nextBlock();
    }
    this.used += this.block.write(text, this.used);
  }

  /** Appends bytes; one over a block is queued without a copy, so the caller must not change it afterwards. */
  pushBytes(bytes: Uint8Array): void {
    if (this.used + bytes.length > BLOCK) {
      this.seal();
      if (bytes.length > BLOCK) {
        // Large bytes (a worker's output) are queued as they are: the caller hands them over.
        this.sealed.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        return;
      }
      this.nextBlock();
    }
    this.block.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** Returns everything queued so far and empties the queue. */
  take(): Buffer[] {
    this.seal();
    const out = this.sealed;
    this.sealed = [];
    this.handedOut.push(...this.retired);
    this.retired = [];
    return out;
  }

  /** Everything take() returned has been written: its blocks, and the current one if nothing came since, are free. */
  recycle(): void {
    for (const b of this.handedOut) if (this.spare.length < 2) this.spare.push(b);
    this.handedOut = [];
    if (this.start === this.used && this.sealed.length === 0) this.start = this.used = 0;
  }

  private nextBlock(): void {
    this.retired.push(this.block);
    this.block = this.spare.pop() ?? Buffer.allocUnsafe(BLOCK);
    this.start = this.used = 0;
  }

  /** Hands out the bytes written since the last seal; the rest of the block stays free for more. */
  private seal(): void {
    if (this.used === this.start) return;
    this.sealed.push(this.block.subarray(this.start, this.used));
    this.start = this.used;
  }
}
