-- rudp.lua: a Wireshark/tshark dissector for rudp.
--
-- A rudp datagram's UDP payload is an RFC 9293 TCP header, options and data, byte for byte, so
-- this hands it to Wireshark's own TCP dissector: handshakes, relative sequence numbers,
-- retransmissions, duplicate ACKs, zero windows, RTT and stream graphs all work unchanged.
-- (The CRC32C travels in TCP option 253 with ExID 0x5255; the TCP checksum field is 0.)
--
--   tshark -X lua_script:examples/wireshark/rudp.lua -X lua_script1:port=9000 -r capture.pcap
--
-- or in Wireshark: Preferences > Protocols > RUDPTCP > UDP port.

-- Wireshark already has a "rudp" (Reliable UDP, a different protocol), hence the name.
local rudp = Proto("rudptcp", "rudp: TCP segments in UDP datagrams")
rudp.prefs.port = Pref.uint("UDP port", 9000, "UDP port that carries rudp")

-- A port given on the command line (-X lua_script1:port=N) wins over the preference.
local cli_port = nil
for _, a in ipairs({ ... }) do
  local p = a:match("^port=(%d+)$")
  if p then cli_port = tonumber(p) end
end

local tcp = Dissector.get("tcp")
local udp_port = DissectorTable.get("udp.port")
local registered = nil

function rudp.dissector(tvb, pinfo, tree)
  tree:add(rudp, tvb(), "rudp segment (UDP payload is a TCP header)")
  tcp:call(tvb, pinfo, tree)
  pinfo.cols.protocol = "rudp/TCP"
end

local function register()
  if registered then udp_port:remove(registered, rudp) end
  registered = cli_port or rudp.prefs.port
  udp_port:add(registered, rudp)
end

function rudp.prefs_changed()
  cli_port = nil
  register()
end

register()
