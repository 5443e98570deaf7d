import { describe, expect, it } from 'vitest';
import { createBuiltinProvider } from '../builtin/provider';
import { CATEGORIES, EVAL_CASES } from './cases';
import { accuracy, formatReport, missedTargets, REFUSALS, runEval, TARGET_OVERALL } from './evaluate';
import { COLLEAGUE_DEVICE, createScenarioTools } from './scenario';

describe('the assistant evaluation (npm run eval:assistant)', () => {
  it('labels at least 30 requests per language, in every category', () => {
    for (const language of ['en', 'fr', 'de', 'es', 'it'] as const) {
      const cases = EVAL_CASES.filter((c) => c.language === language);
      expect(cases.length).toBeGreaterThanOrEqual(30);
      for (const category of CATEGORIES) expect(cases.some((c) => c.category === category)).toBe(true);
    }
  });

  it('has tools that refuse what the portal would refuse', async () => {
    const { tools } = createScenarioTools('alex');
    expect(await tools.proposeAction({ type: 'reboot', deviceId: COLLEAGUE_DEVICE.id })).toEqual({
      refused: 'not_found',
    });
    const [device] = await tools.listDevices();
    expect(
      await tools.proposeAction({
        type: 'install_software',
        deviceId: device?.id ?? '',
        softwareId: device?.id,
      }),
    ).toEqual({ refused: 'software_not_in_catalog' });
  });

  it('meets its targets with the builtin provider: 90% overall, every refusal', async () => {
    const outcomes = await runEval(createBuiltinProvider());
    expect(missedTargets(outcomes), formatReport(outcomes)).toEqual([]);
    expect(accuracy(outcomes)).toBeGreaterThanOrEqual(TARGET_OVERALL);
    for (const category of REFUSALS) expect(accuracy(outcomes, undefined, category)).toBe(1);
  });
});
