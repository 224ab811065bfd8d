import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import {
  weibaoCatalogGraphModule,
  weibaoHomeModule,
} from '@weibao/plugin-weibao/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    weibaoHomeModule,
    weibaoCatalogGraphModule,
    signInModule,
  ],
});
