// --until HH:MM: the next time the clock shows HH:MM (local time), today or
// tomorrow. Pure: the current time is given.
import { BatchOptionError } from "./errors.js";

export function deadlineAt(text: string, now: Date): Date {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = Number(m?.[1]);
  const minutes = Number(m?.[2]);
  if (m === null || hours > 23 || minutes > 59) throw new BatchOptionError("--until", `--until: expected a time of day as HH:MM (e.g. 07:00), got \`${text}\``);
  const at = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours, minutes, 0, 0);
  if (at.getTime() <= now.getTime()) at.setDate(at.getDate() + 1);
  return at;
}
