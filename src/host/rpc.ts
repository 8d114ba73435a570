// The headless host answers its WebSocket's messages with the dispatch both hosts share.
export type { AnswerOptions } from '../shared/rpc-answer';
export type { RpcReply } from '../shared/rpc';
export { answerRpc, eventMessage } from '../shared/rpc-answer';
