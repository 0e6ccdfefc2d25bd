// The project tree of one language as the coder's and the reviewer's prompts
// show it: each file marked locked or editable by the coder's file policy,
// and the editable files' content.
import type { TargetLanguage } from "../../src/emit/target.js";
import { listProjectFiles, readText } from "../shared/workspace.js";
import { judgeWrite, LANGUAGE_POLICIES, type FileRules } from "./file-policy.js";

const MAX_FILE_CHARS = 24_000;

export interface LanguageFiles {
  /** `locked   src/pkg/codec.py` / `editable src/pkg/handlers.py`, relative to the language folder. */
  readonly tree: string;
  /** Editable files with their content, in fenced blocks. */
  readonly editable: string;
  /** Run-folder paths of the editable files. */
  readonly editablePaths: readonly string[];
}

export async function languageFiles(dir: string, language: TargetLanguage, rules: FileRules): Promise<LanguageFiles> {
  const paths = await listProjectFiles(dir, language);
  const rows: string[] = [];
  const editablePaths: string[] = [];
  for (const path of paths) {
    const inProject = path.slice(language.length + 1);
    const verdict = judgeWrite(language, inProject, rules);
    rows.push(`${verdict.ok ? "editable" : "locked  "} ${inProject}`);
    if (verdict.ok) editablePaths.push(path);
  }
  const blocks: string[] = [];
  for (const path of editablePaths) {
    const text = (await readText(dir, path)) ?? "";
    const shown = text.length > MAX_FILE_CHARS ? `${text.slice(0, MAX_FILE_CHARS)}\n… (cut: ${text.length - MAX_FILE_CHARS} more characters)` : text;
    blocks.push(`### ${path.slice(language.length + 1)}\n\n\`\`\`${LANGUAGE_POLICIES[language].fence}\n${shown}\n\`\`\``);
  }
  return { tree: rows.join("\n") || "(no files)", editable: blocks.join("\n\n") || "none", editablePaths };
}

