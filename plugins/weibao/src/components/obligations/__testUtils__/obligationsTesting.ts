import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import type {
  ObligationGroupList,
  ObligationOccurrenceList,
} from '@weibao/plugin-weibao-common';
import { setupWeibaoServer, WEIBAO_BASE_URL } from '../../../__testUtils__';

/** Typing without pauses between keys: the dialogs' texts are long. */
export const user = userEvent.setup({ delay: null });

/** Types a text at once into a field (as pasting it): typing key by key is slow on multiline fields. */
export async function fill(field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

/** msw handlers for the tests of obligations, on a test file's server. */
export function obligationsTesting(
  server: ReturnType<typeof setupWeibaoServer>,
) {
  /** Serves the list; counts the calls and records their query strings. */
  function serveList(answers: ObligationOccurrenceList[]) {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${WEIBAO_BASE_URL}/obligations`, ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json(
          answers[Math.min(queries.length - 1, answers.length - 1)],
        );
      }),
    );
    return queries;
  }

  /** Answers `POST /obligations/:id/complete` or `…/waive` with `answer`; records the body sent. */
  function answerAction(
    id: string,
    action: 'complete' | 'waive',
    answer: () => Response,
  ) {
    const sent: { body?: any } = {};
    server.use(
      http.post(
        `${WEIBAO_BASE_URL}/obligations/${id}/${action}`,
        async ({ request }) => {
          sent.body = await request.json();
          return answer();
        },
      ),
    );
    return sent;
  }

  /** Serves the groups; records each call's query string (later calls get the later answers). */
  function serveGroups(answers: ObligationGroupList[]) {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${WEIBAO_BASE_URL}/obligations/groups`, ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json(
          answers[Math.min(queries.length - 1, answers.length - 1)],
        );
      }),
    );
    return queries;
  }

  /** Answers `POST /obligations/bulk-complete` or `bulk-waive`; records every body sent. */
  function answerBulk(
    action: 'complete' | 'waive',
    answer: (body: any) => Response,
  ) {
    const bodies: any[] = [];
    server.use(
      http.post(
        `${WEIBAO_BASE_URL}/obligations/bulk-${action}`,
        async ({ request }) => {
          const body = await request.json();
          bodies.push(body);
          return answer(body);
        },
      ),
    );
    return bodies;
  }

  /** Answers `POST /evidence-files` with a stored file; records what was sent. */
  function answerUpload(id: string) {
    const uploads: Array<{
      name: string | null;
      contentType: string | null;
      bytes: number;
    }> = [];
    server.use(
      http.post(`${WEIBAO_BASE_URL}/evidence-files`, async ({ request }) => {
        const body = await request.arrayBuffer();
        const name = new URL(request.url).searchParams.get('name');
        uploads.push({
          name,
          contentType: request.headers.get('content-type'),
          bytes: body.byteLength,
        });
        return HttpResponse.json(
          {
            id,
            name,
            contentType: request.headers.get('content-type'),
            size: body.byteLength,
            sha256: '0'.repeat(64),
            uploadedBy: 'user:default/guest',
            uploadedAt: '2026-12-07T10:00:00.000Z',
          },
          { status: 201 },
        );
      }),
    );
    return uploads;
  }

  return { serveList, answerAction, serveGroups, answerBulk, answerUpload };
}
