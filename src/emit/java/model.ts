// The Java names of one spec, decided once so that every generated file
// agrees: the package, class names (which must not clash with the runtime's
// classes, the generated ones, nor the JDK types the generated code imports),
// record components per struct or message, and enum constants.
import type { Spec } from "../../spec/model.js";
import { createNameScope, names } from "../index.js";
import { memberNames, specDeclarations, type SpecDeclarations } from "../naming/spec-declarations.js";

/** A message or a declared struct: the things with fields, printed as records. */
export type { Composite } from "../naming/spec-declarations.js";

/** Classes of the project that are not spec types: the runtime's and the generated ones. */
export const PROJECT_CLASSES = [
  "WireError",
  "ControlKind",
  "Frame",
  "Frames",
  "Deframer",
  "ByteReader",
  "ByteWriter",
  "Utf8",
  "Checks",
  "Values",
  "Message",
  "Codec",
  "Payloads",
  "Patterns",
  "ProtocolInfo",
  "VectorsTest",
  "Vectors",
  "Json",
  "JsonPayloads",
  "Envelope",
  "StateError",
  "RoleMachine",
  "ValidationTest",
  "JsonTest",
  "MachineTest",
  "Changes",
  // The handlers and the transport tests (src/emit/java/transport/): classes of the same package.
  "ServerHandlers",
  "ClientHandlers",
  "TransportTesting",
  "TcpTest",
  "UdpTest",
  "HttpTest",
  "RobustnessTest",
  "RawStream",
  "RawPeer",
] as const;

/** JDK simple names the generated files import: a spec type of the same name would be shadowed by the import. */
export const IMPORTED_JDK_NAMES = ["List", "ArrayList", "Arrays", "Objects", "Pattern", "ByteBuffer", "ByteOrder", "Collections", "Path", "Files", "JsonNode", "ObjectNode", "ArrayNode", "DynamicTest", "Test", "TestFactory"] as const;

/** Methods every message record has: a component cannot take their names. */
export const MESSAGE_METHODS = ["messageName", "messageId"] as const;

/** Locals the record constructors and equals use next to the components. */
export const CONSTRUCTOR_LOCALS = ["e", "o", "other"] as const;

export interface JavaModel extends SpecDeclarations {
  readonly spec: Spec;
  /** `dev.protoforge.<names.java.package(protocol)>` */
  readonly pkg: string;
  /** `src/main/java/dev/protoforge/<segment>` without the `java/` prefix. */
  readonly pkgDir: string;
  className(name: string): string;
  component(owner: string, field: string): string;
  constant(enumName: string, valueName: string): string;
}

export function buildJavaModel(spec: Spec): JavaModel {
  const classes = createNameScope("java", [...PROJECT_CLASSES, ...IMPORTED_JDK_NAMES]);
  const declared = specDeclarations(spec, "java");
  for (const t of spec.types) classes.type(t.name);
  for (const m of spec.messages) classes.type(m.name);
  const component = memberNames("java", (owner) => declared.composite(owner).fields.map((f) => f.name), (scope, name) => scope.field(name), [...MESSAGE_METHODS, ...CONSTRUCTOR_LOCALS]);
  // The enum's own static members and its constructor's parameter.
  const constant = memberNames("java", (owner) => declared.enumDecl(owner).values.map((v) => v.name), (scope, name) => scope.enumMember(name), ["VALUES"]);
  const segment = names.java.package(spec.protocol.name);
  return {
    spec,
    pkg: `dev.protoforge.${segment}`,
    pkgDir: `dev/protoforge/${segment}`,
    ...declared,
    className: (name) => classes.type(name),
    component,
    constant,
  };
}
