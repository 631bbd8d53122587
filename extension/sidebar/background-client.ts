/** The sidebar's and options page's way to ask the background; failures become errors carrying the field. */
import { browser } from 'wxt/browser';
import type { BackgroundMessage, Reply } from '../messaging/messages';

export class AskError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export async function ask<T>(message: BackgroundMessage): Promise<T> {
  const reply = (await browser.runtime.sendMessage(message)) as Reply<T> | undefined;
  if (!reply) throw new AskError('扩展后台没有响应，请稍后重试');
  if (!reply.ok) throw new AskError(reply.message, reply.field);
  return reply.value;
}
