// Names a generated Python identifier must not take (docs/emitters.md explains
// each group). Escaping appends `_` (see escape.ts).

import { PYTHON_STDLIB_MODULES } from "./python-stdlib.js";

/** `keyword.kwlist` of Python 3.12 (unchanged since 3.7). */
export const PYTHON_KEYWORDS: readonly string[] = [
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
  "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/** `keyword.softkwlist` of Python 3.12. Legal identifiers, escaped anyway: a
 *  generated line starting with `match`, `case` or `type` reads as the
 *  statement of that name, and `_` is the wildcard of `match`. */
export const PYTHON_SOFT_KEYWORDS: readonly string[] = ["_", "case", "match", "type"];

/** Every public name in `builtins` of Python 3.12, except the interactive
 *  helpers `site` adds (`copyright credits exit help license quit`), which
 *  `python -S` and embedded interpreters lack and generated code never calls.
 *  A field, parameter or local named like a builtin shadows it in the method
 *  bodies and class bodies the emitters write (`list: int = 0` breaks a later
 *  `list[int]` annotation in the same class; a parameter `type` hides `type()`);
 *  since no emitter can promise which builtins its bodies will use, all are escaped. */
export const PYTHON_BUILTINS: readonly string[] = [
  "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup", "BlockingIOError",
  "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
  "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning",
  "EnvironmentError", "Exception", "ExceptionGroup", "False", "FileExistsError", "FileNotFoundError",
  "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError",
  "IndexError", "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
  "ModuleNotFoundError", "NameError", "None", "NotADirectoryError", "NotImplemented", "NotImplementedError", "OSError",
  "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError", "RecursionError",
  "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration", "StopIteration",
  "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError", "True", "TypeError",
  "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
  "UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError", "abs", "aiter", "all", "anext", "any",
  "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex",
  "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "filter", "float", "format", "frozenset", "getattr",
  "globals", "hasattr", "hash", "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len", "list",
  "locals", "map", "max", "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print", "property",
  "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super",
  "tuple", "type", "vars", "zip",
];

/** The receiver names generated methods always use: a dataclass field `self`
 *  would make `__init__(self, self)`, a syntax error. */
export const PYTHON_CONVENTIONAL: readonly string[] = ["cls", "self"];

/** Reserved for identifiers: fields, parameters, methods, types, enum members, constants. */
export const PYTHON_RESERVED: ReadonlySet<string> = new Set([
  ...PYTHON_KEYWORDS,
  ...PYTHON_SOFT_KEYWORDS,
  ...PYTHON_BUILTINS,
  ...PYTHON_CONVENTIONAL,
]);

/** Reserved for the import package name: keywords, and stdlib modules, which
 *  come first on sys.path and would hide the generated package. */
export const PYTHON_PACKAGE_RESERVED: ReadonlySet<string> = new Set([
  ...PYTHON_KEYWORDS,
  ...PYTHON_SOFT_KEYWORDS,
  ...PYTHON_STDLIB_MODULES,
]);
