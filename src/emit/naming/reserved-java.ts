// Names a generated Java identifier must not take (docs/emitters.md explains
// each group).

/** Keywords of Java SE 21 (JLS §3.9), `_` included (a keyword since Java 9). */
export const JAVA_KEYWORDS: readonly string[] = [
  "_", "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
  "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
  "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
  "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw",
  "throws", "transient", "try", "void", "volatile", "while",
];

export const JAVA_LITERALS: readonly string[] = ["false", "null", "true"];

/** Restricted and contextual identifiers that cannot name a type, or that
 *  change the meaning of a declaration (`var`, `yield`, `record`, `sealed`,
 *  `permits`; `non-sealed` cannot arise from a spec name). `when` (Java 21
 *  switch guards) is added for the same reason. */
export const JAVA_RESTRICTED_IDENTIFIERS: readonly string[] = ["permits", "record", "sealed", "var", "when", "yield"];

/** Public top-level types of `java.lang` in Java 17, plus `MatchException` and
 *  `WrongThreadException` from Java 21. Every file imports `java.lang.*`
 *  implicitly; a generated type named `String` or `Record` would shadow it. */
export const JAVA_LANG_TYPES: readonly string[] = [
  "AbstractMethodError", "Appendable", "ArithmeticException", "ArrayIndexOutOfBoundsException", "ArrayStoreException",
  "AssertionError", "AutoCloseable", "Boolean", "BootstrapMethodError", "Byte", "CharSequence", "Character", "Class",
  "ClassCastException", "ClassCircularityError", "ClassFormatError", "ClassLoader", "ClassNotFoundException",
  "ClassValue", "CloneNotSupportedException", "Cloneable", "Comparable", "Compiler", "Deprecated", "Double", "Enum",
  "EnumConstantNotPresentException", "Error", "Exception", "ExceptionInInitializerError", "Float",
  "FunctionalInterface", "IllegalAccessError", "IllegalAccessException", "IllegalArgumentException",
  "IllegalCallerException", "IllegalMonitorStateException", "IllegalStateException", "IllegalThreadStateException",
  "IncompatibleClassChangeError", "IndexOutOfBoundsException", "InheritableThreadLocal", "InstantiationError",
  "InstantiationException", "Integer", "InternalError", "InterruptedException", "Iterable",
  "LayerInstantiationException", "LinkageError", "Long", "MatchException", "Math", "Module", "ModuleLayer",
  "NegativeArraySizeException", "NoClassDefFoundError", "NoSuchFieldError", "NoSuchFieldException",
  "NoSuchMethodError", "NoSuchMethodException", "NullPointerException", "Number", "NumberFormatException", "Object",
  "OutOfMemoryError", "Override", "Package", "Process", "ProcessBuilder", "ProcessHandle", "Readable", "Record",
  "ReflectiveOperationException", "Runnable", "Runtime", "RuntimeException", "RuntimePermission", "SafeVarargs",
  "SecurityException", "SecurityManager", "Short", "StackOverflowError", "StackTraceElement", "StackWalker",
  "StrictMath", "String", "StringBuffer", "StringBuilder", "StringIndexOutOfBoundsException", "SuppressWarnings",
  "System", "Thread", "ThreadDeath", "ThreadGroup", "ThreadLocal", "Throwable", "TypeNotPresentException",
  "UnknownError", "UnsatisfiedLinkError", "UnsupportedClassVersionError", "UnsupportedOperationException",
  "VerifyError", "VirtualMachineError", "Void", "WrongThreadException",
];

/** Methods of `java.lang.Object`: a record component `hashCode` would
 *  override `hashCode()` with its accessor, one named `getClass` cannot compile. */
export const JAVA_OBJECT_METHODS: readonly string[] = [
  "clone", "equals", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait",
];

export const JAVA_RESERVED: ReadonlySet<string> = new Set([
  ...JAVA_KEYWORDS,
  ...JAVA_LITERALS,
  ...JAVA_RESTRICTED_IDENTIFIERS,
  ...JAVA_LANG_TYPES,
  ...JAVA_OBJECT_METHODS,
]);

/** Reserved for a package segment: keywords and literals, and `java`/`javax`,
 *  which the runtime refuses as a user package ("Prohibited package name"). */
export const JAVA_PACKAGE_RESERVED: ReadonlySet<string> = new Set([
  ...JAVA_KEYWORDS,
  ...JAVA_LITERALS,
  "java",
  "javax",
]);
