import type { Config } from '../../config';
import { createBuiltinProvider } from './builtin/provider';
import { createOpenAiProvider } from './openai';
import type { AssistantProvider } from './provider';

/** The provider `AI_PROVIDER` names (SPEC §10): built in by default, or an OpenAI-compatible API. */
export function providerFor(config: Config['ai']): AssistantProvider {
  return config.provider === 'openai' ? createOpenAiProvider(config) : createBuiltinProvider();
}
