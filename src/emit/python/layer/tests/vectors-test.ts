// tests/test_vectors.py: the golden vectors (wire format section 12) against
// the generated codec: every valid frame decodes, matches its JSON envelope
// by value and re-encodes byte for byte; every invalid one fails with the
// recorded code, path and message; the deframer reassembles a stream.
import { symbols, type FileSet } from "../../../index.js";
import { code } from "../code.js";
import type { PyModel } from "../model.js";
import { testModule } from "./support.js";

const py = symbols.python;

export function vectorsTest(files: FileSet, model: PyModel): void {
  const { f, mods } = testModule(
    files,
    model,
    "test_vectors",
    `The golden vectors of ${model.spec.protocol.name} against this codec (wire format section 12).

They are read from OUT/vectors (next to this project) or from the folder named
by PROTOFORGE_VECTORS.`,
  );
  const codec = (name: string) => mods.from("codec", name);
  const info = (name: string) => mods.from("protocol_info", name);
  const json = py.module("json");
  const os = py.module("os");
  const unittest = py.module("unittest");
  const Path = py.from("pathlib", "Path");
  const Any = py.from("typing", "Any");
  const WireError = mods.from("errors", "WireError");
  f.print(code`
    HEADER_ERRORS = frozenset({"bad_magic", "unsupported_version", "invalid_flags", "frame_too_large"})


    def vectors_dir() -> ${Path}:
        configured = ${os}.environ.get("PROTOFORGE_VECTORS")
        if configured:
            return ${Path}(configured)
        return ${Path}(__file__).resolve().parents[2] / "vectors"


    def same_json(a: ${Any}, b: ${Any}) -> bool:
        """JSON values compared by value: numbers by value (1 == 1.0), but true is not 1."""
        if isinstance(a, bool) or isinstance(b, bool):
            return type(a) is type(b) and a == b
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a == b
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
        if isinstance(a, list) and isinstance(b, list):
            return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
        return type(a) is type(b) and a == b


    class GoldenVectorsTest(${unittest}.TestCase):
        root: ${Path}
        manifest: dict[str, ${Any}]

        @classmethod
        def setUpClass(cls) -> None:
            cls.root = vectors_dir()
            manifest = cls.root / "manifest.json"
            if not manifest.is_file():
                raise FileNotFoundError(f"no golden vectors at {manifest}: run protoforge vectors, or set PROTOFORGE_VECTORS")
            cls.manifest = ${json}.loads(manifest.read_text(encoding="utf-8"))

        def read(self, name: str) -> bytes:
            return (self.root / name).read_bytes()

        def envelope(self, entry: dict[str, ${Any}]) -> ${Any}:
            return ${codec("parse_json")}((self.root / entry["json"]).read_text(encoding="utf-8"))

        def messages(self) -> list[dict[str, ${Any}]]:
            return [entry for entry in self.manifest["valid"] if entry["message"] is not None]

        def controls(self) -> list[dict[str, ${Any}]]:
            return [entry for entry in self.manifest["valid"] if entry["message"] is None]

        def test_manifest_is_this_protocol(self) -> None:
            self.assertEqual(self.manifest["format"], 1)
            self.assertEqual(self.manifest["protocol"], ${info("PROTOCOL_NAME")})
            self.assertEqual(self.manifest["version"], ${info("VERSION")})
            self.assertEqual(self.manifest["wireVersion"], ${info("WIRE_VERSION")})
            self.assertEqual(self.manifest["maxFrameBytes"], ${info("MAX_FRAME_BYTES")})
            self.assertGreater(len(self.messages()), 0)
            self.assertGreater(len(self.manifest["invalid"]), 0)

        def test_valid_frames_decode(self) -> None:
            for entry in self.manifest["valid"]:
                with self.subTest(entry["name"]):
                    frame = ${codec("decode_frame")}(self.read(entry["bin"]))
                    self.assertEqual(frame.seq, entry["seq"])
                    self.assertEqual(frame.flags, entry["flags"])
                    if entry["message"] is None:
                        self.assertIsNone(frame.message)
                        self.assertEqual(frame.control, entry["control"])
                    else:
                        assert frame.message is not None
                        self.assertEqual(frame.message.NAME, entry["message"])
                        self.assertIsNone(frame.control)

        def test_valid_frames_match_their_json_envelopes(self) -> None:
            for entry in self.messages():
                with self.subTest(entry["name"]):
                    frame = ${codec("decode_frame")}(self.read(entry["bin"]))
                    assert frame.message is not None
                    actual = ${codec("to_envelope")}(frame.message, frame.seq)
                    expected = self.envelope(entry)
                    self.assertTrue(same_json(actual, expected), f"{actual} != {expected}")
                    self.assertTrue(same_json(${codec("parse_json")}(${codec("dump_json")}(actual)), expected))

        def test_decoded_frames_reencode_byte_for_byte(self) -> None:
            for entry in self.messages():
                with self.subTest(entry["name"]):
                    data = self.read(entry["bin"])
                    frame = ${codec("decode_frame")}(data)
                    assert frame.message is not None
                    self.assertEqual(${codec("encode_frame")}(frame.message, frame.seq, frame.flags), data)

        def test_envelopes_encode_to_the_frames_byte_for_byte(self) -> None:
            for entry in self.messages():
                with self.subTest(entry["name"]):
                    message, seq = ${codec("from_envelope")}(self.envelope(entry))
                    self.assertEqual(seq, entry["seq"])
                    self.assertEqual(message.NAME, entry["message"])
                    self.assertEqual(${codec("encode_frame")}(message, seq, entry["flags"]), self.read(entry["bin"]))

        def test_control_frames(self) -> None:
            for entry in self.controls():
                with self.subTest(entry["name"]):
                    response = bool(entry["flags"] & ${codec("FLAG_RESPONSE")})
                    data = ${codec("encode_control")}(entry["control"], entry["seq"], response=response)
                    self.assertEqual(data, self.read(entry["bin"]))
                    expected = {"type": entry["control"], "seq": entry["seq"], "payload": {}}
                    self.assertTrue(same_json(self.envelope(entry), expected))

        def test_invalid_frames_fail_with_the_recorded_error(self) -> None:
            for entry in self.manifest["invalid"]:
                with self.subTest(entry["name"]):
                    with self.assertRaises(${WireError}) as caught:
                        ${codec("decode_frame")}(self.read(entry["bin"]))
                    error = caught.exception
                    self.assertEqual(error.code, entry["error"], str(error))
                    self.assertEqual(error.path, entry.get("path"), str(error))
                    self.assertEqual(error.message_name, entry.get("message"), str(error))

        def test_deframer_reassembles_a_stream_of_the_valid_frames(self) -> None:
            frames = [self.read(entry["bin"]) for entry in self.manifest["valid"]]
            stream = b"".join(frames)
            for size in (1, 7, 4096, len(stream)):
                with self.subTest(chunk=size):
                    deframer = ${codec("Deframer")}()
                    received: list[bytes] = []
                    for start in range(0, len(stream), size):
                        received.extend(deframer.push(stream[start : start + size]))
                    deframer.finish()
                    self.assertEqual(received, frames)
                    self.assertEqual(deframer.buffered, 0)

        def test_deframer_refuses_bad_headers_before_the_payload(self) -> None:
            for entry in self.manifest["invalid"]:
                if entry["error"] not in HEADER_ERRORS or not entry["name"].startswith("header."):
                    continue
                with self.subTest(entry["name"]):
                    deframer = ${codec("Deframer")}()
                    with self.assertRaises(${WireError}) as caught:
                        deframer.push(self.read(entry["bin"])[:14])
                    self.assertEqual(caught.exception.code, entry["error"])
                    with self.assertRaises(${WireError}):
                        deframer.push(b"")

        def test_deframer_reports_a_stream_that_ends_inside_a_frame(self) -> None:
            data = self.read(self.messages()[0]["bin"])
            deframer = ${codec("Deframer")}()
            self.assertEqual(deframer.push(data[:-1]), [])
            with self.assertRaises(${WireError}) as caught:
                deframer.finish()
            self.assertEqual(caught.exception.code, "truncated")`);
}
