import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { HospitalSystemList } from '@weibao/plugin-weibao-common';
import { WeibaoApi } from './WeibaoApi';

/**
 * Talks to `/api/weibao` with the signed-in user's token (through fetchApi).
 *
 * @public
 */
export class WeibaoClient implements WeibaoApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async listHospitalSystems(
    options: { owner?: string } = {},
  ): Promise<HospitalSystemList> {
    const query = new URLSearchParams();
    if (options.owner) query.set('owner', options.owner);
    return this.get(`/hospital-systems${query.size ? `?${query}` : ''}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('weibao');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
