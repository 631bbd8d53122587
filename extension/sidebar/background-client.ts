/** The sidebar's and options page's way to ask the background; failures become errors carrying the field. */
import { browser } from 'wxt/browser';
import type { BackgroundReply, BackgroundRequest, BackgroundRequestType, Reply } from '../messaging/messages';

export class AskError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Sends `message`; resolves with the reply type the contract (messaging/messages.ts) names for it. */
export async function ask<K extends BackgroundRequestType>(message: BackgroundRequest<K>): Promise<BackgroundReply<K>> {
  const reply = (await browser.runtime.sendMessage(message)) as Reply<BackgroundReply<K>> | undefined;
  if (!reply) throw new AskError('扩展后台没有响应，请稍后重试');
  if (!reply.ok) throw new AskError(reply.message, reply.field);
  return reply.value;
}
