/**
 * The background as the sidebar's components meet it on WXT's fake browser: `ask` (a runtime
 * message) is answered by the handler given for its type, and every request is kept to look at.
 */
import { fakeBrowser } from 'wxt/testing';
import type { BackgroundMessage, BackgroundReply, BackgroundRequest, BackgroundRequestType, Reply } from '../../../extension/messaging/messages';

export type FakeHandlers = { [K in BackgroundRequestType]?: (message: BackgroundRequest<K>) => Reply<BackgroundReply<K>> | Promise<Reply<BackgroundReply<K>>> };

export function answerAsBackground(handlers: FakeHandlers): BackgroundMessage[] {
  const asked: BackgroundMessage[] = [];
  fakeBrowser.runtime.onMessage.addListener(async (sent: unknown) => {
    const message = sent as BackgroundMessage;
    asked.push(message);
    const handler = handlers[message.type] as ((m: BackgroundMessage) => Reply<unknown> | Promise<Reply<unknown>>) | undefined;
    return handler ? handler(message) : ({ ok: false, message: `测试未处理 ${message.type}` } satisfies Reply<never>);
  });
  return asked;
}
