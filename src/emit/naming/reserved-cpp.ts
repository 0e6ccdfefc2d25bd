// Names a generated C++ identifier must not take (docs/emitters.md explains
// each group).

/** Keywords of C++20 (the alternative tokens are listed apart). */
export const CPP_KEYWORDS: readonly string[] = [
  "alignas", "alignof", "asm", "auto", "bool", "break", "case", "catch", "char", "char16_t", "char32_t", "char8_t",
  "class", "co_await", "co_return", "co_yield", "concept", "const", "const_cast", "consteval", "constexpr",
  "constinit", "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit",
  "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace",
  "new", "noexcept", "nullptr", "operator", "private", "protected", "public", "register", "reinterpret_cast",
  "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch",
  "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename", "union", "unsigned",
  "using", "virtual", "void", "volatile", "wchar_t", "while",
];

/** Alternative tokens: `and` is `&&` to the compiler, never an identifier. */
export const CPP_ALTERNATIVE_TOKENS: readonly string[] = [
  "and", "and_eq", "bitand", "bitor", "compl", "not", "not_eq", "or", "or_eq", "xor", "xor_eq",
];

/** Identifiers with special meaning: `final` and `override` after a
 *  declarator, `import` and `module` at the start of a line (C++20 modules). */
export const CPP_SPECIAL_IDENTIFIERS: readonly string[] = ["final", "import", "module", "override"];

/** Macros of the C and POSIX headers, glibc, GCC's GNU modes and
 *  <windows.h>. An object-like one (`errno`, `EOF`, `linux`, `ERROR`) replaces
 *  the name wherever it appears; a function-like one (`assert`, `offsetof`,
 *  `major`) wherever it is followed by `(`, as in a call of a method of that
 *  name. Upper-case macros with underscores cannot arise (constants and
 *  enumerators are `kPascalCase`); the ones without can, as type names.
 *  Left out on purpose: <windows.h>'s function-like `min` and `max`, common
 *  field names whose macros the well-known NOMINMAX switches off. */
export const CPP_MACROS: readonly string[] = [
  // <cassert>, <cerrno>, <cstdio>, <cstddef>, <csetjmp>, <cstdarg>
  "assert", "errno", "stdin", "stdout", "stderr", "NULL", "EOF", "BUFSIZ", "offsetof", "setjmp", "va_arg", "va_copy",
  "va_end", "va_start",
  // <csignal>
  "SIGABRT", "SIGFPE", "SIGILL", "SIGINT", "SIGSEGV", "SIGTERM",
  // <cerrno> (errno values the C++ standard library names)
  "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT", "EAGAIN", "EALREADY", "EBADF", "EBADMSG",
  "EBUSY", "ECANCELED", "ECHILD", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "EDEADLK", "EDESTADDRREQ", "EDOM",
  "EEXIST", "EFAULT", "EFBIG", "EHOSTUNREACH", "EIDRM", "EILSEQ", "EINPROGRESS", "EINTR", "EINVAL", "EIO", "EISCONN",
  "EISDIR", "ELOOP", "EMFILE", "EMLINK", "EMSGSIZE", "ENAMETOOLONG", "ENETDOWN", "ENETRESET", "ENETUNREACH", "ENFILE",
  "ENOBUFS", "ENODATA", "ENODEV", "ENOENT", "ENOEXEC", "ENOLCK", "ENOLINK", "ENOMEM", "ENOMSG", "ENOPROTOOPT",
  "ENOSPC", "ENOSR", "ENOSTR", "ENOSYS", "ENOTCONN", "ENOTDIR", "ENOTEMPTY", "ENOTRECOVERABLE", "ENOTSOCK", "ENOTSUP",
  "ENOTTY", "ENXIO", "EOPNOTSUPP", "EOVERFLOW", "EOWNERDEAD", "EPERM", "EPIPE", "EPROTO", "EPROTONOSUPPORT",
  "EPROTOTYPE", "ERANGE", "EROFS", "ESPIPE", "ESRCH", "ETIME", "ETIMEDOUT", "ETXTBSY", "EWOULDBLOCK", "EXDEV",
  // glibc <sys/sysmacros.h>, GCC in GNU modes, <alloca.h>
  "major", "minor", "makedev", "linux", "unix", "i386", "alloca",
  // <windows.h>
  "CONST", "DELETE", "ERROR", "FALSE", "FAR", "IN", "NEAR", "OPTIONAL", "OUT", "PASCAL", "TRUE", "VOID", "far",
  "hyper", "interface", "near", "small",
  // build-system conventions
  "DEBUG", "NDEBUG",
];

/** Type names of <cstdint> and <cstddef> that glibc also puts in the global
 *  namespace: a member `int32_t` would hide the type for the members after it. */
export const CPP_GLOBAL_TYPES: readonly string[] = [
  "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "intptr_t", "uintptr_t",
  "intmax_t", "uintmax_t", "size_t", "ssize_t", "ptrdiff_t", "max_align_t", "nullptr_t", "wint_t",
];

export const CPP_RESERVED: ReadonlySet<string> = new Set([
  ...CPP_KEYWORDS,
  ...CPP_ALTERNATIVE_TOKENS,
  ...CPP_SPECIAL_IDENTIFIERS,
  ...CPP_MACROS,
  ...CPP_GLOBAL_TYPES,
]);

/** Reserved for the namespace: everything above, and the namespaces the
 *  standard reserves (`std`, `posix`). */
export const CPP_NAMESPACE_RESERVED: ReadonlySet<string> = new Set([...CPP_RESERVED, "std", "posix"]);
