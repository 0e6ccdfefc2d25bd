// Strings that break naive escaping, shared by the literal and doc comment tests.

export const LITERAL_SAMPLES: readonly string[] = [
  "",
  "plain ascii",
  `quote " and backslash \\ and single '`,
  "\\u0041 is not an escape, nor \\x41 or \\n or \\u000a",
  "\0\x01\x07\b\t\n\v\f\r\x1b\x7f",
  "\0" + "12 and \x01" + "abc and \x7f" + "ff and é" + "1",
  "é € 😀 日本",
  "\u0080\u00ff\u0100\uffff\ufeff",
  "line\u2028separator\u2029paragraph",
  "??= ??/ ??' ??( ??? ?",
  "*/ /* // ${x} `tick` %d %s <script>",
  "a\r\nb",
];

/** Only where a string can hold one (Python, JavaScript, Java). */
export const LONE_SURROGATES = "lone \ud800 and \udc00 end";

export const DOC_SAMPLES: readonly string[] = [
  "Simple doc.",
  'Ends with a quote"',
  'Has """triple""" quotes and a \\ backslash\nand a second line',
  "Closes */ early? and /* opens\n@param x is not a tag\nnor is {@link y}",
  "Unicode escapes \\u000a and \\u002a\\u002f stay text; C:\\users\\",
  "HTML <b>bold</b> & entity &amp;\n\nSecond paragraph.",
  "trigraph at the end ??/",
  "control \x01 and \x7f here",
  "é and 😀\n\n\n  indented line  \n",
];
