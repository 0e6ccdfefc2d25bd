// Generated once by protoforge; yours to edit.

// The types of handlers.js (yours to edit, like handlers.js).

import type { Behaviour } from "./behaviour.js";
import type {
  ErrorReply,
  JoinOk,
  JoinRoom,
  KickOk,
  KickUser,
  Kicked,
  LeaveOk,
  LeaveRoom,
  Login,
  LoginOk,
  Logout,
  MemberTyping,
  Message,
  MessageAccepted,
  PresenceUpdate,
  Resume,
  ResumeOk,
  RoomMessage,
  SendMessage,
  SetStatus,
  Typing,
} from "./messages.js";
import type { ServerSession } from "./transport/session.js";

export declare class ServerHandlers {
  constructor(init?: { clock?: (() => bigint) | undefined });
  clock: () => bigint;
  readonly received: Message[];
  readonly behaviour: Behaviour;
  nextId(): number;
  randomBytes(size: number): Uint8Array;
  remember(message: Message): void;
  onLogin(session: ServerSession, message: Login): Promise<LoginOk | ErrorReply>;
  onResume(session: ServerSession, message: Resume): Promise<ResumeOk | ErrorReply>;
  onLogout(session: ServerSession, message: Logout): Promise<void>;
  onJoinRoom(session: ServerSession, message: JoinRoom): Promise<JoinOk | ErrorReply>;
  onLeaveRoom(session: ServerSession, message: LeaveRoom): Promise<LeaveOk | ErrorReply>;
  onSendMessage(session: ServerSession, message: SendMessage): Promise<MessageAccepted | ErrorReply>;
  onSetStatus(session: ServerSession, message: SetStatus): Promise<void>;
  onTyping(session: ServerSession, message: Typing): Promise<void>;
  onKickUser(session: ServerSession, message: KickUser): Promise<KickOk | ErrorReply>;
}

export declare class ClientHandlers {
  readonly received: Message[];
  remember(message: Message): void;
  onRoomMessage(message: RoomMessage): Promise<void>;
  onPresenceUpdate(message: PresenceUpdate): Promise<void>;
  onMemberTyping(message: MemberTyping): Promise<void>;
  onKicked(message: Kicked): Promise<void>;
}
