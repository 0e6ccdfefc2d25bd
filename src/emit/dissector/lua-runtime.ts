// The fixed part of every generated Wireshark dissector: reading values with
// the checks of wire-format §6 in its order, each failure a wire error code;
// one frame with its header, flags and expert info; a TCP stream cut into
// frames with reassembly across segments; a UDP datagram as one frame.
// Lua 5.2 as Wireshark embeds it; `bit` is Wireshark's bit library.

export const LUA_VALUE_READERS = `-- A wire error: its code (docs/wire-format.md §7) and what was wrong.
local function fail(code, detail) error({ wire = code, detail = detail }, 0) end

local function need(buf, off, n, limit, what)
  if off + n > limit then fail("truncated", what .. " needs " .. n .. " bytes, " .. (limit - off) .. " left") end
end

local function bounds(value, min, max, what)
  if (min ~= nil and value < min) or (max ~= nil and value > max) then
    fail("constraint_violated", what .. " " .. tostring(value) .. " is outside " .. tostring(min or "") .. ".." .. tostring(max or ""))
  end
end

local function v_bool(buf, tree, off, limit, f, what)
  need(buf, off, 1, limit, what)
  if buf(off, 1):uint() > 1 then fail("invalid_value", what .. ": a bool byte must be 00 or 01") end
  tree:add(f, buf(off, 1))
  return off + 1
end

local function v_int(buf, tree, off, limit, f, n, signed, min, max, what)
  need(buf, off, n, limit, what)
  local range = buf(off, n)
  if n <= 4 then bounds(signed and range:int() or range:uint(), min, max, what) end
  tree:add(f, range)
  return off + n
end

local function v_float(buf, tree, off, limit, f, n, min, max, what)
  need(buf, off, n, limit, what)
  local value = buf(off, n):float()
  if value ~= value or value == math.huge or value == -math.huge then fail("invalid_value", what .. ": floats must be finite") end
  bounds(value, min, max, what)
  tree:add(f, buf(off, n))
  return off + n
end

local function v_time(buf, tree, off, limit, f, what)
  need(buf, off, 8, limit, what)
  local item = tree:add(f, buf(off, 8))
  local seconds = buf(off, 8):int64():tonumber() / 1000
  item:append_text(os.date("!  (%Y-%m-%dT%H:%M:%SZ)", math.floor(seconds)))
  return off + 8
end

local function v_length(buf, off, limit, min, max, what)
  need(buf, off, 4, limit, what)
  local n = buf(off, 4):uint()
  if n > limit - off - 4 then fail("truncated", what .. ": a length of " .. n .. " with " .. (limit - off - 4) .. " bytes left") end
  bounds(n, min, max, what .. " length")
  return n
end

local function v_string(buf, tree, off, limit, f, min, max, what)
  local n = v_length(buf, off, limit, min, max, what)
  tree:add(f, buf(off, 4 + n), n > 0 and buf(off + 4, n):string(ENC_UTF_8) or "")
  return off + 4 + n
end

local function v_bytes(buf, tree, off, limit, f, min, max, what)
  local n = v_length(buf, off, limit, min, max, what)
  if n > 0 then tree:add(f, buf(off + 4, n)) else tree:add(buf(off, 4), what .. ": (empty)") end
  return off + 4 + n
end

local function v_enum(buf, tree, off, limit, f, names, what)
  need(buf, off, 2, limit, what)
  local value = buf(off, 2):uint()
  if names[value] == nil then fail("invalid_value", what .. ": " .. value .. " is no declared value") end
  tree:add(f, buf(off, 2))
  return off + 2
end

local function v_presence(buf, tree, off, limit, what)
  need(buf, off, 1, limit, what)
  local byte = buf(off, 1):uint()
  if byte > 1 then fail("invalid_value", what .. ": a presence byte must be 00 or 01") end
  if byte == 0 then tree:add(buf(off, 1), what .. ": absent") end
  return byte == 1, off + 1
end

local function v_count(buf, tree, off, limit, fcount, min, max, what)
  local count = v_length(buf, off, limit, nil, nil, what)
  bounds(count, min, max, what .. " item count")
  return count, tree:add(fcount, buf(off, 4)), off + 4
end

local function v_struct(buf, tree, off, limit, f, what)
  need(buf, off, 1, limit, what)
  return tree:add(f, buf(off, 1))
end
`;

export const LUA_FRAMES = `local function flags_valid(flags)
  if bit.band(flags, 0xE0) ~= 0 then return false end
  local ack, ping, pong = bit.band(flags, 0x02) ~= 0, bit.band(flags, 0x08) ~= 0, bit.band(flags, 0x10) ~= 0
  local controls = (ack and 1 or 0) + (ping and 1 or 0) + (pong and 1 or 0)
  if controls > 1 then return false end
  if controls == 1 and bit.band(flags, 0x01) ~= 0 then return false end
  if (ping or pong) and bit.band(flags, 0x04) ~= 0 then return false end
  return true
end

-- Steps 2-5 of §6 on a header that is all there: nil, or the error code and why.
local function header_error(buf, off)
  if buf(off, 2):uint() ~= MAGIC then return "bad_magic", "the frame does not start with 50 46" end
  local version = buf(off + 2, 1):uint()
  if version ~= WIRE_VERSION then return "unsupported_version", "wire version " .. version .. ", not " .. WIRE_VERSION end
  if not flags_valid(buf(off + 3, 1):uint()) then return "invalid_flags", string.format("flags 0x%02x", buf(off + 3, 1):uint()) end
  local length = buf(off + 10, 4):uint()
  if length > MAX_FRAME - HEADER then return "frame_too_large", "a payload of " .. length .. " bytes, above " .. (MAX_FRAME - HEADER) end
  return nil
end

local function show_error(item, code, detail)
  item:add(hf.error, code)
  item:add_proto_expert_info(ef_malformed, code .. ": " .. detail)
end

local CONTROL_NAMES = { [0x02] = "ACK", [0x08] = "PING", [0x10] = "PONG" }

-- One frame of size bytes at off (fewer when the datagram or stream ends early). Returns a line for the Info column.
local function dissect_frame(buf, root, off, size, expected)
  local item = root:add(proto, buf(off, size))
  if size < HEADER then
    show_error(item, "truncated", "a header needs 14 bytes, " .. size .. " left")
    return "[truncated]"
  end
  local flags = buf(off + 3, 1):uint()
  local id = buf(off + 4, 2):uint()
  item:add(hf.magic, buf(off, 2))
  item:add(hf.version, buf(off + 2, 1))
  local flag_item = item:add(hf.flags, buf(off + 3, 1))
  for _, f in ipairs({ hf.reliable, hf.ack, hf.response, hf.ping, hf.pong }) do flag_item:add(f, buf(off + 3, 1)) end
  item:add(hf.message_id, buf(off + 4, 2))
  item:add(hf.seq, buf(off + 6, 4))
  item:add(hf.length, buf(off + 10, 4))
  local seq = buf(off + 6, 4):uint()
  local control = CONTROL_NAMES[bit.band(flags, 0x1A)] or (bit.band(flags, 0x1A) ~= 0 and "ACK" or nil)
  local label = (control or MESSAGE_NAMES[id] or ("id " .. id)) .. " seq=" .. seq
  local ok, err = pcall(function()
    local code, detail = header_error(buf, off)
    if code ~= nil then fail(code, detail) end
    if control == nil and MESSAGE_NAMES[id] ~= nil then
      item:add(hf.message, buf(off + 4, 2), MESSAGE_NAMES[id])
      item:append_text(", " .. MESSAGE_NAMES[id])
    end
    if expected > size then fail("truncated", "the header announces " .. expected .. " bytes, " .. size .. " came") end
    if size > expected then fail("trailing_bytes", (size - expected) .. " bytes after the frame") end
    local limit = off + size
    if control ~= nil then
      item:add(hf.control, buf(off + 3, 1), control)
      if id ~= 0 then fail("invalid_flags", "a control frame with message id " .. id) end
      if size ~= HEADER then fail("trailing_bytes", "a control frame with a payload") end
      return
    end
    local dissect = MESSAGES[id]
    if id == 0 or dissect == nil then fail("unknown_message", "no message has id " .. id) end
    if (bit.band(flags, 0x04) ~= 0) ~= (RESPONSES[id] == true) then fail("invalid_flags", "RESPONSE does not match the kind of " .. MESSAGE_NAMES[id]) end
    local stop = dissect(buf, item, off + HEADER, limit)
    if stop < limit then fail("trailing_bytes", (limit - stop) .. " bytes after the last field") end
  end)
  if not ok then
    if type(err) ~= "table" or err.wire == nil then error(err, 0) end
    show_error(item, err.wire, err.detail)
    return label .. " [" .. err.wire .. "]"
  end
  return label
end

local function set_columns(pinfo, lines)
  pinfo.cols.protocol:set(PROTOCOL_COLUMN)
  pinfo.cols.info:set(table.concat(lines, ", "))
end

-- A TCP stream: frames one after another; a frame split across segments is reassembled first.
local function dissect_stream(buf, pinfo, root)
  local total, off, lines = buf:len(), 0, {}
  while off < total do
    local avail = total - off
    if avail < HEADER then
      pinfo.desegment_offset, pinfo.desegment_len = off, DESEGMENT_ONE_MORE_SEGMENT
      break
    end
    local code = header_error(buf, off)
    local size = HEADER + buf(off + 10, 4):uint()
    if code ~= nil then
      -- The stream cannot be framed past a bad header: the rest is shown as that frame.
      lines[#lines + 1] = dissect_frame(buf, root, off, avail, avail)
      break
    end
    if avail < size then
      pinfo.desegment_offset, pinfo.desegment_len = off, size - avail
      break
    end
    lines[#lines + 1] = dissect_frame(buf, root, off, size, size)
    off = off + size
  end
  if #lines > 0 then set_columns(pinfo, lines) end
  return total
end

-- A UDP datagram: exactly one frame.
local function dissect_datagram(buf, pinfo, root)
  local size = buf:len()
  local expected = size >= HEADER and HEADER + buf(10, 4):uint() or HEADER
  set_columns(pinfo, { dissect_frame(buf, root, 0, size, expected) })
  return size
end

function proto.dissector(buf, pinfo, root)
  if pinfo.port_type == 3 then return dissect_datagram(buf, pinfo, root) end
  return dissect_stream(buf, pinfo, root)
end

local tcp_ports, udp_ports = DissectorTable.get("tcp.port"), DissectorTable.get("udp.port")
tcp_ports:add(PORT, proto)
udp_ports:add(PORT, proto)
-- Listed under Decode As... for any other port.
tcp_ports:add_for_decode_as(proto)
udp_ports:add_for_decode_as(proto)
`;
