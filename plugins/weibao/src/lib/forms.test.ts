import { ResponseError } from '@backstage/errors';
import {
  backendMessage,
  claimingInput,
  fieldNamedBy,
  hospitalInstant,
  hospitalLocal,
  linesOf,
  wholeNumber,
} from './forms';

describe('fieldNamedBy', () => {
  it('reads the field of the services’ messages', () => {
    expect(
      fieldNamedBy('window: 2026-10-01 is 国庆节, an official holiday'),
    ).toBe('window');
    expect(fieldNamedBy('rollbackPlan.steps[1]: a step cannot be blank')).toBe(
      'rollbackPlan.steps.1',
    );
  });

  it('reads the field of the OpenAPI validator’s messages', () => {
    expect(
      fieldNamedBy('request/body/window/start must match format "date-time"'),
    ).toBe('window.start');
    expect(
      fieldNamedBy("request/body must have required property 'title'"),
    ).toBe('title');
    expect(
      fieldNamedBy(
        "request/body/hospitalContact must have required property 'name'",
      ),
    ).toBe('hospitalContact.name');
  });

  it('finds no field in other messages', () => {
    expect(fieldNamedBy('Request failed with 500 Internal Server Error')).toBe(
      undefined,
    );
  });
});

describe('claimingInput', () => {
  const inputs = {
    window: ['window'],
    start: ['window.start'],
    steps: ['rollbackPlan.steps'],
    drill: ['drillId', 'drill'],
  };

  it('gives a field to the input showing it or its most specific parent', () => {
    expect(claimingInput('window.start', inputs)).toBe('start');
    expect(claimingInput('window', inputs)).toBe('window');
    expect(claimingInput('window.end', inputs)).toBe('window');
    expect(claimingInput('rollbackPlan.steps.0', inputs)).toBe('steps');
    expect(claimingInput('drill', inputs)).toBe('drill');
  });

  it('gives other fields to no input', () => {
    expect(claimingInput('type', inputs)).toBe(undefined);
    expect(claimingInput('windows', inputs)).toBe(undefined);
    expect(claimingInput(undefined, inputs)).toBe(undefined);
  });
});

describe('hospital time', () => {
  it('reads a datetime-local value on the hospital’s wall clock', () => {
    expect(hospitalInstant('2026-10-01T22:00', 'Asia/Shanghai')).toBe(
      '2026-10-01T22:00:00+08:00',
    );
    expect(hospitalInstant('2026-07-01T09:30', 'Europe/London')).toBe(
      '2026-07-01T09:30:00+01:00',
    );
    expect(hospitalInstant('2026-10-01', 'Asia/Shanghai')).toBe(undefined);
  });

  it('shows an instant on the hospital’s wall clock', () => {
    expect(hospitalLocal('2026-11-21T14:00:00.000Z', 'Asia/Shanghai')).toBe(
      '2026-11-21T22:00',
    );
    expect(
      Date.parse(
        hospitalInstant(
          hospitalLocal('2026-11-21T14:00:00.000Z', 'Asia/Shanghai'),
          'Asia/Shanghai',
        )!,
      ),
    ).toBe(Date.parse('2026-11-21T14:00:00.000Z'));
  });
});

describe('form values', () => {
  it('takes the non-blank lines and whole numbers', () => {
    expect(linesOf(' 张伟 \n\n李工\r\n')).toEqual(['张伟', '李工']);
    expect(wholeNumber('90')).toBe(90);
    expect(wholeNumber('0', 1)).toBe(undefined);
    expect(wholeNumber('1.5')).toBe(undefined);
  });
});

describe('backendMessage', () => {
  it("takes the backend's own message from a failed response", async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'InputError', message: 'title: required' },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response as any);
    expect(backendMessage(error)).toBe('title: required');
    expect(backendMessage(new Error('offline'))).toBe('offline');
  });
});
