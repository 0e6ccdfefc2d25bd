// Actions a command may ask a device to take. Those a description names
// become the values of the `CommandAction` enum.

export const COMMAND_ACTIONS: readonly { readonly cues: readonly string[]; readonly name: string; readonly doc: string }[] = [
  { cues: ["turn on", "switch on", "power on"], name: "turn_on", doc: "Switch the device on." },
  { cues: ["turn off", "switch off", "power off", "shut down", "shutdown"], name: "turn_off", doc: "Switch the device off." },
  { cues: ["open"], name: "open", doc: "Open." },
  { cues: ["close"], name: "close", doc: "Close." },
  { cues: ["unlock"], name: "unlock", doc: "Unlock." },
  { cues: ["lock"], name: "lock", doc: "Lock." },
  { cues: ["reboot", "restart"], name: "reboot", doc: "Restart the device." },
  { cues: ["reset", "factory reset"], name: "reset", doc: "Reset to defaults." },
  { cues: ["start"], name: "start", doc: "Start the device's task." },
  { cues: ["stop", "halt"], name: "stop", doc: "Stop the device's task." },
  { cues: ["pause"], name: "pause", doc: "Pause." },
  { cues: ["resume"], name: "resume", doc: "Resume after a pause." },
  { cues: ["set", "configure", "adjust", "dim", "brightness"], name: "set", doc: "Set a parameter to the given value." },
  { cues: ["move", "go to", "drive"], name: "move", doc: "Move to the given position." },
  { cues: ["calibrate"], name: "calibrate", doc: "Calibrate the sensors." },
  { cues: ["arm"], name: "arm", doc: "Arm." },
  { cues: ["disarm"], name: "disarm", doc: "Disarm." },
  { cues: ["capture", "take a photo", "snapshot"], name: "capture", doc: "Capture an image." },
  { cues: ["locate", "beep", "identify"], name: "identify", doc: "Make the device identify itself (blink, beep)." },
  { cues: ["update firmware", "install"], name: "install_update", doc: "Install a firmware update." },
];
