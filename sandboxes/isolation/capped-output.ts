// Collects a stream's bytes up to a cap, keeping the beginning and the end
// (where build tools and test runners print their summaries) and marking what
// was cut from the middle. Everything is read, so the writer never blocks.

export class CappedOutput {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;
  private readonly headCap: number;
  private readonly tailCap: number;

  constructor(readonly capBytes: number) {
    this.headCap = Math.ceil(capBytes / 2);
    this.tailCap = capBytes - this.headCap;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headCap) {
      const take = rest.subarray(0, this.headCap - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
      rest = rest.subarray(take.length);
    }
    if (rest.length === 0) return;
    this.tail.push(rest);
    this.tailBytes += rest.length;
    // Drop whole chunks that lie entirely before the last tailCap bytes.
    while (this.tail.length > 1 && this.tailBytes - (this.tail[0]?.length ?? 0) >= this.tailCap) {
      this.tailBytes -= this.tail.shift()?.length ?? 0;
    }
  }

  get totalBytes(): number {
    return this.total;
  }

  get truncated(): boolean {
    return this.total > this.capBytes;
  }

  /** The text, with `[… N bytes cut …]` in place of the middle when over the cap. */
  text(): string {
    const head = Buffer.concat(this.head).toString("utf8");
    const tailAll = Buffer.concat(this.tail);
    if (!this.truncated) return head + tailAll.toString("utf8");
    const tail = tailAll.subarray(Math.max(0, tailAll.length - this.tailCap));
    const omitted = this.total - this.headBytes - tail.length;
    return `${head}\n[… protoforge sandbox: ${omitted} bytes of output cut; ${this.total} in all …]\n${tail.toString("utf8")}`;
  }
}
