// Everything protoforge generates into an output folder, as files: the spec,
// PROTOCOL.md, the Wireshark dissector, the golden vectors and one project
// per language. Pure.
import { generateDissector } from "../emit/dissector/index.js";
import { renderProtocolDoc } from "../emit/protocol-doc/render.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { sortFiles } from "../emit/generated-file.js";
import type { EmitterRegistry, TargetLanguage, Transport } from "../emit/language.js";
import type { Spec } from "../spec/model.js";
import { generateVectors } from "../wire/index.js";

export interface ProjectRequest {
  readonly spec: Spec;
  /** The spec's text exactly as validated; written as protocol.yaml. */
  readonly specText: string;
  readonly languages: readonly TargetLanguage[];
  readonly transport: Transport;
}

export function generateProjectFiles(request: ProjectRequest, emitters: EmitterRegistry): GeneratedFile[] {
  const files: GeneratedFile[] = [
    { path: "protocol.yaml", content: request.specText.endsWith("\n") ? request.specText : `${request.specText}\n` },
    renderProtocolDoc(request.spec),
    generateDissector(request.spec),
    ...generateVectors(request.spec),
  ];
  for (const language of request.languages) {
    files.push(...emitters.get(language).generate(request.spec, { transport: request.transport }));
  }
  return sortFiles(files);
}
