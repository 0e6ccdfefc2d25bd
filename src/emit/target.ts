// The target languages and transports, on their own so that every part of the
// framework can name them without importing the emitter contract.

export type TargetLanguage = "python" | "javascript" | "java" | "cpp";
export const TARGET_LANGUAGES: readonly TargetLanguage[] = ["python", "javascript", "java", "cpp"];

export type Transport = "tcp" | "udp" | "http";
export const TRANSPORTS: readonly Transport[] = ["tcp", "udp", "http"];
