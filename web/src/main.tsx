import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiClient } from './api/client';
import { App } from './App';
import { createQueryClient, Providers } from './Providers';
import './index.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <Providers client={new ApiClient()} queryClient={createQueryClient()}>
        <App />
      </Providers>
    </BrowserRouter>
  </StrictMode>,
);
